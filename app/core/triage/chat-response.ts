/**
 * Reads an OpenAI-compatible chat completion answer: the text of the first
 * choice, or an error saying what was wrong with the answer in words a user
 * can act on (a wrong URL, a missing key, a server that is not a chat API).
 */

/** Characters of an unexpected body quoted in an error. */
const QUOTE = 200;

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE ? `${flat.slice(0, QUOTE)}…` : flat;
}

/** The `error.message` (or `error` string) an OpenAI-compatible server puts in an error body, if any. */
function errorMessage(body: unknown): string | null {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === 'string') return error;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : null;
}

/**
 * The answer of a chat completion response.
 *
 * @param status the HTTP status
 * @param statusText the HTTP status text (may be empty)
 * @param text the response body as text
 * @returns the first choice's message content, trimmed
 * @throws on a status other than 2xx (quoting the server's error), a body that
 *   is not JSON, or one without `choices[0].message.content`
 */
export function parseChatResponse(status: number, statusText: string, text: string): string {
  let body: unknown = undefined;
  let parsed = false;
  try {
    body = JSON.parse(text);
    parsed = true;
  } catch {
    // Said below, once the status is known.
  }
  const answered = `the endpoint answered ${status}${statusText ? ` ${statusText}` : ''}`;
  if (status < 200 || status > 299) {
    const why = (parsed && errorMessage(body)) || quote(text);
    const hint = status === 401 || status === 403 ? ' (check the API key)' : status === 404 ? ' (check the URL: it should end in /v1/chat/completions)' : '';
    throw new Error(`${answered}${why ? `: ${why}` : ''}${hint}`);
  }
  if (!parsed) throw new Error(`the endpoint's answer is not JSON: ${quote(text) || '(empty)'}`);
  const choices = (body as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices) || choices.length === 0) {
    const why = errorMessage(body);
    throw new Error(`the endpoint's answer has no choices${why ? `: ${why}` : ` (got ${quote(text)})`}`);
  }
  const content = (choices[0] as { message?: { content?: unknown } } | null)?.message?.content;
  if (typeof content !== 'string') throw new Error(`the endpoint's answer has no choices[0].message.content (got ${quote(JSON.stringify(choices[0]))})`);
  return content.trim();
}
