/**
 * An OpenAI-compatible chat completion request (`POST …/v1/chat/completions`)
 * asking a language model to triage one flagged log line. Only builds the
 * request: sending it (and the API key) is the caller's business, and nothing
 * here runs unless a person asked for it.
 */

/** What the prompt template can refer to, as `{line}`, `{context}`, `{template}`, `{score}`, `{detector}`. */
export interface TriageFacts {
  /** The flagged line, as it stands in the file. */
  line: string;
  /** Lines around it (or the lines of its session or window), one per line. */
  context: string;
  /** Its template, variables as `<*>`; empty when there is none. */
  template: string;
  /** Its score (score units), as text. */
  score: string;
  /** The run that flagged it, e.g. `if (isolation-forest)`. */
  detector: string;
}

export interface ChatRequestOptions {
  /** The endpoint: a full `…/chat/completions` URL, or a base URL (`http://host:8000` or `…/v1`). */
  endpoint: string;
  /** The model name the endpoint expects. */
  model: string;
  /** The user message, with `{line}`, `{context}`, `{template}`, `{score}`, `{detector}` filled in. */
  prompt: string;
  /** Sent as `Authorization: Bearer …` when not empty. */
  apiKey?: string;
  /** Sampling temperature (0–2). Default 0, so the same line gets the same answer where the endpoint allows it. */
  temperature?: number;
}

/** A request ready for `fetch(url, { method, headers, body })`. */
export interface ChatRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/** The prompt the triage cell starts with. */
export const DEFAULT_TRIAGE_PROMPT = [
  'An anomaly detector ({detector}, score {score}) flagged this log line:',
  '{line}',
  '',
  'Its template: {template}',
  'The lines around it:',
  '{context}',
  '',
  'In two or three sentences: is this likely a real problem, what kind, and what should an operator check first?',
].join('\n');

export const TRIAGE_SYSTEM_MESSAGE = 'You are an experienced site reliability engineer triaging log anomalies. Answer briefly, in plain text.';

const PLACEHOLDER = /\{(line|context|template|score|detector)\}/g;

/** The template with each `{name}` of `facts` filled in (in one pass, so a line holding `{context}` stays as it is). */
export function fillPrompt(template: string, facts: TriageFacts): string {
  return template.replace(PLACEHOLDER, (_, name: keyof TriageFacts) => facts[name]);
}

/**
 * The chat completions URL for what the user typed: kept when it ends in
 * `/chat/completions`, `/chat/completions` added after `/v1`, `/v1/chat/completions`
 * after anything else.
 * @throws naming the value when it is not an http(s) URL
 */
export function chatEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint.trim());
  } catch {
    throw new Error(`endpoint: "${endpoint}" is not a URL (expected e.g. http://127.0.0.1:8000/v1/chat/completions)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`endpoint: "${endpoint}" is not an http or https URL`);
  const path = url.pathname.replace(/\/+$/, '');
  if (!/\/chat\/completions$/.test(path)) url.pathname = /\/v1$/.test(path) ? `${path}/chat/completions` : `${path}/v1/chat/completions`;
  return url.toString();
}

/**
 * The request for one triage.
 * @throws naming the field on an empty model or prompt, a bad endpoint or temperature
 */
export function chatRequest(options: ChatRequestOptions): ChatRequest {
  const { model, prompt, apiKey = '', temperature = 0 } = options;
  const url = chatEndpoint(options.endpoint);
  if (!model.trim()) throw new Error('model: give the model name the endpoint expects');
  if (!prompt.trim()) throw new Error('prompt: the prompt is empty');
  if (!(typeof temperature === 'number' && temperature >= 0 && temperature <= 2)) throw new Error(`temperature: ${temperature} is not in 0–2`);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (apiKey.trim()) headers.Authorization = `Bearer ${apiKey.trim()}`;
  const body = JSON.stringify({
    model: model.trim(),
    messages: [
      { role: 'system', content: TRIAGE_SYSTEM_MESSAGE },
      { role: 'user', content: prompt },
    ],
    temperature,
  });
  return { url, method: 'POST', headers, body };
}
