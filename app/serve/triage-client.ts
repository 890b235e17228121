import { chatRequest, DEFAULT_TRIAGE_PROMPT, fillPrompt } from '../core/triage/chat-request.ts';
import { parseChatResponse } from '../core/triage/chat-response.ts';
import type { Alert } from '../core/watch/alert-policy.ts';
import type { TriageSpec } from '../core/experiment/deploy-spec.ts';

/**
 * Asks the triage endpoint about one alert, with the lines around it, and
 * returns the answer (plain text); throws with what went wrong. Bounded by a
 * 30 s timeout, so a slow model delays one batch at most that long.
 */
export async function triageAlert(spec: TriageSpec, alert: Alert, context: string, detector: string): Promise<string> {
  const prompt = fillPrompt(spec.prompt ?? DEFAULT_TRIAGE_PROMPT, {
    line: alert.text, context, template: alert.template ?? '', score: String(alert.score), detector,
  });
  const req = chatRequest({ endpoint: spec.url, model: spec.model, prompt, apiKey: spec.keyEnv ? process.env[spec.keyEnv] ?? '' : '' });
  const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: AbortSignal.timeout(30_000) });
  return parseChatResponse(res.status, res.statusText, await res.text());
}
