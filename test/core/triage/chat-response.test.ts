import { describe, it, expect } from 'vitest';
import { parseChatResponse } from '../../../app/core/triage/chat-response.ts';

const ok = (content: unknown) => JSON.stringify({ id: 'x', choices: [{ index: 0, message: { role: 'assistant', content } }] });

describe('parseChatResponse', () => {
  it('returns the first choice’s content, trimmed', () => {
    expect(parseChatResponse(200, 'OK', ok('  A database timeout.\n'))).toBe('A database timeout.');
  });

  it('a non-2xx status: the status and the server’s error message, with a hint', () => {
    const body = JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } });
    expect(() => parseChatResponse(401, 'Unauthorized', body)).toThrow('the endpoint answered 401 Unauthorized: Incorrect API key provided (check the API key)');
    expect(() => parseChatResponse(404, '', '<html>Not Found</html>')).toThrow(
      'the endpoint answered 404: <html>Not Found</html> (check the URL: it should end in /v1/chat/completions)',
    );
    expect(() => parseChatResponse(500, 'Internal Server Error', JSON.stringify({ error: 'model not loaded' }))).toThrow(
      'the endpoint answered 500 Internal Server Error: model not loaded',
    );
    expect(() => parseChatResponse(502, 'Bad Gateway', '')).toThrow(/^the endpoint answered 502 Bad Gateway$/);
  });

  it('a body that is not JSON is said so, quoting its start', () => {
    expect(() => parseChatResponse(200, 'OK', 'Hello from nginx')).toThrow("the endpoint's answer is not JSON: Hello from nginx");
    expect(() => parseChatResponse(200, 'OK', '')).toThrow("the endpoint's answer is not JSON: (empty)");
    const long = 'x'.repeat(500);
    expect(() => parseChatResponse(200, 'OK', long)).toThrow(`not JSON: ${'x'.repeat(200)}…`);
  });

  it('JSON without choices, or without a message content, is said so', () => {
    expect(() => parseChatResponse(200, 'OK', '{"object":"list","data":[]}')).toThrow(`the endpoint's answer has no choices (got {"object":"list","data":[]})`);
    expect(() => parseChatResponse(200, 'OK', '{"choices":[]}')).toThrow("the endpoint's answer has no choices");
    expect(() => parseChatResponse(200, 'OK', '{"error":{"message":"overloaded"}}')).toThrow("the endpoint's answer has no choices: overloaded");
    expect(() => parseChatResponse(200, 'OK', '{"choices":[{"text":"legacy completion"}]}')).toThrow(
      `the endpoint's answer has no choices[0].message.content (got {"text":"legacy completion"})`,
    );
    expect(() => parseChatResponse(200, 'OK', 'null')).toThrow("the endpoint's answer has no choices");
    expect(() => parseChatResponse(200, 'OK', ok(null))).toThrow('no choices[0].message.content');
  });
});
