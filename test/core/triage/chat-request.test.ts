import { describe, it, expect } from 'vitest';
import { chatEndpoint, chatRequest, DEFAULT_TRIAGE_PROMPT, fillPrompt, TRIAGE_SYSTEM_MESSAGE, type TriageFacts } from '../../../app/core/triage/chat-request.ts';

const facts: TriageFacts = {
  line: 'ERROR db timeout {context}',
  context: 'a\nb',
  template: 'ERROR db <*>',
  score: '0.7312',
  detector: 'if (isolation-forest)',
};

describe('fillPrompt', () => {
  it('fills every placeholder once, leaving placeholders inside the values and unknown ones alone', () => {
    expect(fillPrompt('{line}|{template}|{score}|{detector}|{context}|{other}', facts)).toBe(
      'ERROR db timeout {context}|ERROR db <*>|0.7312|if (isolation-forest)|a\nb|{other}',
    );
  });

  it('the default prompt names the line, the template and the context', () => {
    const p = fillPrompt(DEFAULT_TRIAGE_PROMPT, facts);
    expect(p).toContain('ERROR db timeout');
    expect(p).toContain('Its template: ERROR db <*>');
    expect(p).toContain('a\nb');
    expect(p).not.toMatch(/\{(line|template|score|detector)\}/);
  });
});

describe('chatEndpoint', () => {
  it('keeps a full URL and completes a base URL', () => {
    expect(chatEndpoint('http://127.0.0.1:8000/v1/chat/completions')).toBe('http://127.0.0.1:8000/v1/chat/completions');
    expect(chatEndpoint(' http://127.0.0.1:8000/v1/ ')).toBe('http://127.0.0.1:8000/v1/chat/completions');
    expect(chatEndpoint('http://localhost:11434')).toBe('http://localhost:11434/v1/chat/completions');
    expect(chatEndpoint('https://example.test/openai/v1/chat/completions?x=1')).toBe('https://example.test/openai/v1/chat/completions?x=1');
  });

  it('refuses what is not an http(s) URL, naming it', () => {
    expect(() => chatEndpoint('localhost:8000')).toThrow('endpoint: "localhost:8000" is not an http or https URL');
    expect(() => chatEndpoint('not a url')).toThrow('endpoint: "not a url" is not a URL');
    expect(() => chatEndpoint('file:///etc/passwd')).toThrow('is not an http or https URL');
  });
});

describe('chatRequest', () => {
  it('builds a POST with the model, a system and a user message, and temperature 0', () => {
    const r = chatRequest({ endpoint: 'http://h/v1', model: ' llama3 ', prompt: 'why?' });
    expect(r.url).toBe('http://h/v1/chat/completions');
    expect(r.method).toBe('POST');
    expect(r.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(r.body)).toEqual({
      model: 'llama3',
      messages: [{ role: 'system', content: TRIAGE_SYSTEM_MESSAGE }, { role: 'user', content: 'why?' }],
      temperature: 0,
    });
  });

  it('sends the API key as a bearer token only when one is given', () => {
    expect(chatRequest({ endpoint: 'http://h', model: 'm', prompt: 'p', apiKey: ' sk-1 ' }).headers.Authorization).toBe('Bearer sk-1');
    expect(chatRequest({ endpoint: 'http://h', model: 'm', prompt: 'p', apiKey: '  ' }).headers.Authorization).toBeUndefined();
  });

  it('refuses an empty model or prompt and a temperature out of range', () => {
    expect(() => chatRequest({ endpoint: 'http://h', model: ' ', prompt: 'p' })).toThrow('model: give the model name');
    expect(() => chatRequest({ endpoint: 'http://h', model: 'm', prompt: '' })).toThrow('prompt: the prompt is empty');
    expect(() => chatRequest({ endpoint: 'http://h', model: 'm', prompt: 'p', temperature: 3 })).toThrow('temperature: 3 is not in 0–2');
  });
});
