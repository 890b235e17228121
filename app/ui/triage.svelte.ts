import { chatRequest, DEFAULT_TRIAGE_PROMPT, fillPrompt, type TriageFacts } from '../core/triage/chat-request.ts';
import { parseChatResponse } from '../core/triage/chat-response.ts';

/** Endpoint, model, prompt and timeout: kept in localStorage, never in the exported spec. */
const SETTINGS_KEY = 'law.triage.v1';
/** The API key: kept in sessionStorage only (gone when the tab closes), never in the spec. */
const KEY_KEY = 'law.triage.apiKey';

export interface TriageAnswer {
  status: 'sending' | 'done' | 'error';
  /** The answer, or what went wrong. */
  text: string;
}

interface TriageSettings {
  endpoint: string;
  model: string;
  prompt: string;
  timeoutSeconds: number;
}

function read<T>(storage: () => Storage, key: string): T | null {
  try {
    const text = storage().getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function write(storage: () => Storage, key: string, value: unknown): void {
  try {
    storage().setItem(key, JSON.stringify(value));
  } catch {
    // No storage (private mode, quota): triage still works for this page.
  }
}

/**
 * Optional LLM triage of a flagged unit, off until the user gives an
 * endpoint: nothing is sent before they press Triage on a unit. One request
 * per unit at a time, with Cancel and a timeout.
 */
export class Triage {
  endpoint = $state('');
  model = $state('');
  prompt = $state(DEFAULT_TRIAGE_PROMPT);
  timeoutSeconds = $state(60);
  apiKey = $state('');
  /** Answers by unit index. */
  answers = $state.raw<Record<number, TriageAnswer>>({});
  /** Ready to send: an endpoint and a model are given. */
  ready = $derived(this.endpoint.trim() !== '' && this.model.trim() !== '');
  private readonly inFlight = new Map<number, AbortController>();

  constructor() {
    const saved = read<Partial<TriageSettings>>(() => localStorage, SETTINGS_KEY);
    if (saved) {
      this.endpoint = typeof saved.endpoint === 'string' ? saved.endpoint : '';
      this.model = typeof saved.model === 'string' ? saved.model : '';
      this.prompt = typeof saved.prompt === 'string' && saved.prompt ? saved.prompt : DEFAULT_TRIAGE_PROMPT;
      this.timeoutSeconds = typeof saved.timeoutSeconds === 'number' && saved.timeoutSeconds > 0 ? saved.timeoutSeconds : 60;
    }
    this.apiKey = read<string>(() => sessionStorage, KEY_KEY) ?? '';
  }

  save(): void {
    write(() => localStorage, SETTINGS_KEY, { endpoint: this.endpoint, model: this.model, prompt: this.prompt, timeoutSeconds: this.timeoutSeconds });
    write(() => sessionStorage, KEY_KEY, this.apiKey);
  }

  /** Clears every answer (new data: units mean other lines). */
  reset(): void {
    for (const c of this.inFlight.values()) c.abort();
    this.inFlight.clear();
    this.answers = {};
  }

  /** Sends one unit's facts to the endpoint; the answer (or the error) lands in `answers[unit]`. */
  async send(unit: number, facts: TriageFacts): Promise<void> {
    this.cancel(unit);
    const controller = new AbortController();
    this.inFlight.set(unit, controller);
    const seconds = this.timeoutSeconds;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, seconds * 1000);
    this.answer(unit, { status: 'sending', text: '' });
    let url = this.endpoint;
    try {
      const request = chatRequest({ endpoint: this.endpoint, model: this.model, prompt: fillPrompt(this.prompt, facts), apiKey: this.apiKey });
      url = request.url;
      const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: controller.signal });
      const text = await response.text();
      if (this.inFlight.get(unit) !== controller) return;
      this.answer(unit, { status: 'done', text: parseChatResponse(response.status, response.statusText, text) });
    } catch (e) {
      if (this.inFlight.get(unit) !== controller) return;
      let message = (e as Error).message;
      if (controller.signal.aborted) message = timedOut ? `no answer within ${seconds} s; stopped waiting` : 'cancelled';
      // fetch says only "Failed to fetch" for a refused connection or a CORS refusal.
      else if (e instanceof TypeError) message = `could not reach ${url}: ${message} (is the server running, and does it allow requests from this page (CORS)?)`;
      this.answer(unit, { status: 'error', text: message });
    } finally {
      clearTimeout(timer);
      if (this.inFlight.get(unit) === controller) this.inFlight.delete(unit);
    }
  }

  /** Stops waiting for a unit's answer. */
  cancel(unit: number): void {
    this.inFlight.get(unit)?.abort();
  }

  private answer(unit: number, a: TriageAnswer): void {
    this.answers = { ...this.answers, [unit]: a };
  }
}
