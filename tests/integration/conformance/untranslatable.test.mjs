// Conformance: a feature the provider's dialect cannot express is refused with
// a 400 in the client's own error format naming the feature, and the provider
// is never called; a silently different request is never sent.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { sendJson } from '../lib/scripted_upstream.mjs';
import { startConformanceGateway, send, providerOf } from './conformance_lib.mjs';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const model = (upstream) => `${providerOf[upstream]}/up-model`;
const chatUser = (content, extra = {}) => (upstream) => ({ model: model(upstream), messages: [{ role: 'user', content }], ...extra });

// [client dialect, upstream dialect, body(upstream), words the message must name]
const cases = [
  ['chat', 'anthropic', chatUser([{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }]), ['input_audio']],
  ['chat', 'gemini', chatUser([{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }]), ['input_audio']],
  ['chat', 'ollama', chatUser([{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }]), ['input_audio']],
  ['chat', 'responses', chatUser('hi', { stop: ['END'] }), ['stop']],
  ['chat', 'anthropic', chatUser('hi', { n: 2 }), ['n']],
  ['chat', 'ollama', chatUser([{ type: 'text', text: 'what is this?' }, { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }]), ['image']],
  ['chat', 'gemini', chatUser([{ type: 'text', text: 'what is this?' }, { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }]), ['image']],
  ['chat', 'ollama', chatUser('hi', { tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }], tool_choice: 'required' }), ['tool_choice']],
  ['anthropic', 'chat', (u) => ({ model: model(u), max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } }, { type: 'text', text: 'summarize' }] }] }), ['document']],
  ['anthropic', 'gemini', (u) => ({ model: model(u), max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } }] }] }), ['document']],
  ['responses', 'anthropic', (u) => ({ model: model(u), input: 'hi', previous_response_id: 'resp_123' }), ['previous_response_id']],
  ['responses', 'chat', (u) => ({ model: model(u), input: [{ role: 'user', content: [{ type: 'input_file', file_url: 'https://example.com/a.pdf' }] }] }), ['input_file', 'file_url']],
  ['responses', 'anthropic', (u) => ({ model: model(u), input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'file-1' }] }] }), ['input_file']],
  ['ollama', 'anthropic', (u) => ({ model: model(u), messages: [{ role: 'user', content: 'hi' }], format: 'json', stream: false }), ['format']],
];

describe('conformance: untranslatable features are refused by name', { timeout: 60000 }, () => {
  let up;
  let gw;
  before(async () => {
    ({ up, gw } = await startConformanceGateway());
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });
  beforeEach(() => up.reset());

  for (const [client, upstream, body, words] of cases) {
    test(`${client} → ${upstream}: ${words.join(', ')}`, async () => {
      const r = await send(gw, client, body(upstream));
      assert.equal(r.status, 400, r.text);
      const j = JSON.parse(r.text);
      const message = client === 'anthropic' ? j.error.message : client === 'ollama' ? j.error : j.error.message;
      if (client === 'anthropic') assert.equal(j.error.type, 'invalid_request_error');
      for (const w of words) assert.ok(message.includes(w), `the error names ${w}: ${message}`);
      assert.equal(up.requests.length, 0, 'the provider is not called');
    });
  }

  test('responses → chat: an input_file (file id or data) is translated into a Chat Completions file part', async () => {
    up.next((record, res) => sendJson(res, 200, { id: 'c1', object: 'chat.completion', created: 1, model: 'up-model', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }));
    const r = await send(gw, 'responses', {
      model: model('chat'),
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'summarize' }, { type: 'input_file', file_id: 'file-1' }, { type: 'input_file', filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' }] }],
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(up.requests[0].body.messages[0].content, [
      { type: 'text', text: 'summarize' },
      { type: 'file', file: { file_id: 'file-1' } },
      { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
    ]);
  });
});
