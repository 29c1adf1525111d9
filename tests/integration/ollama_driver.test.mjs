// drivers.ollama through the real gateway: OpenAI Chat Completions and
// Anthropic Messages clients to a fake Ollama server (/api/chat, NDJSON),
// streaming and not, a tool-call round trip, usage, model discovery, and
// Ollama errors in each client's dialect.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeOllama } from './lib/fake_dialect_upstream.mjs';
import { startGateway } from './lib/gateway.mjs';
import { request, startChatStream, collectSse, summarizeChatStream, openAiError } from './lib/client.mjs';

function anthropicEvents(text) {
  const out = [];
  for (const frame of text.split('\n\n')) {
    const lines = frame.split('\n');
    const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
    const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
    if (event) out.push({ event, data: JSON.parse(data) });
  }
  return out;
}

describe('drivers.ollama', { timeout: 60000 }, () => {
  let up;
  let gw;
  before(async () => {
    up = await startFakeOllama({ models: ['llama-test:latest', 'qwen-discovered:8b'] });
    gw = await startGateway({
      config: {
        providers: {
          local: {
            driver: 'drivers.ollama',
            options: { base_url: up.baseUrl, models: ['llama-test', 'tool', 'e429', 'e503', 'elong', 'missing'], options: { num_ctx: 8192 } },
          },
          found: { driver: 'drivers.ollama', options: { base_url: up.baseUrl, discover_models: true } },
        },
      },
    });
    up.route('e429', { type: 'error', status: 429, headers: { 'retry-after': '4' }, body: { error: 'too many requests' } });
    up.route('e503', { type: 'error', status: 503, body: { error: 'server busy, please try again.  maximum pending requests exceeded' } });
    up.route('elong', { type: 'error', status: 400, body: { error: 'the input length exceeds the context length' } });
    up.route('missing', { type: 'error', status: 404, body: { error: 'model "missing" not found, try pulling it first' } });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });

  const chat = (body) => request(gw.url('/v1/chat/completions'), { method: 'POST', key: gw.key, body });
  const messages = (body) =>
    request(gw.url('/v1/messages'), { method: 'POST', body, headers: { 'x-api-key': gw.key, 'anthropic-version': '2023-06-01' } });

  test('OpenAI client, non-streaming: /api/chat with stream false, options, usage', async () => {
    up.clearRequests();
    const r = await chat({ model: 'local/llama-test', max_tokens: 40, messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'hello llama' }] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.choices[0].message.content, 'ollama answer to: hello llama');
    assert.deepEqual([r.json.usage.prompt_tokens, r.json.usage.completion_tokens], [21, 9]);
    const sent = up.last();
    assert.equal(sent.path, '/api/chat');
    assert.equal(sent.body.stream, false);
    assert.equal(sent.body.model, 'llama-test');
    assert.deepEqual(sent.body.options, { num_ctx: 8192, num_predict: 40 });
    assert.deepEqual(sent.body.messages, [{ role: 'system', content: 'sys' }, { role: 'user', content: 'hello llama' }]);
    assert.equal(sent.headers.authorization, undefined, 'the gateway key never reaches the upstream');
  });

  test('OpenAI client, streaming: NDJSON becomes SSE chunks with usage', async () => {
    const res = await startChatStream(gw.baseUrl, gw.key, {
      model: 'local/llama-test', stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'stream it' }],
    });
    assert.equal(res.status, 200);
    const s = summarizeChatStream(await collectSse(res));
    assert.equal(s.content, 'ollama answer to: stream it');
    assert.ok(s.contentChunks >= 2, `expected several content chunks, got ${s.contentChunks}`);
    assert.ok(s.done);
    assert.equal(s.usage.completion_tokens, 9);
    assert.equal(up.last().body.stream, true);
  });

  test('tool-call round trip through an OpenAI client', async () => {
    up.route('tool', { type: 'tool', name: 'get_weather', args: { city: 'Paris' } });
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const first = await chat({ model: 'local/tool', tools, messages: [{ role: 'user', content: 'weather?' }] });
    assert.equal(first.status, 200, first.text);
    const msg = first.json.choices[0].message;
    assert.equal(first.json.choices[0].finish_reason, 'tool_calls');
    assert.match(msg.tool_calls[0].id, /^call_/);
    assert.deepEqual(JSON.parse(msg.tool_calls[0].function.arguments), { city: 'Paris' });
    assert.deepEqual(up.last().body.tools, tools);

    up.route('tool', { type: 'text', text: 'Sunny.' });
    const second = await chat({
      model: 'local/tool', tools,
      messages: [{ role: 'user', content: 'weather?' }, msg, { role: 'tool', tool_call_id: msg.tool_calls[0].id, content: '21 C' }],
    });
    assert.equal(second.status, 200, second.text);
    assert.equal(second.json.choices[0].message.content, 'Sunny.');
    const sent = up.last().body.messages;
    assert.deepEqual(sent[1], { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] });
    assert.deepEqual(sent[2], { role: 'tool', content: '21 C', tool_name: 'get_weather' });
  });

  test('Anthropic client, streaming: event sequence, images as base64', async () => {
    const r = await messages({
      model: 'local/llama-test', max_tokens: 64, stream: true,
      messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }, { type: 'text', text: 'what is it' }] }],
    });
    assert.equal(r.status, 200, r.text);
    const events = anthropicEvents(r.text);
    const names = events.map((e) => e.event).filter((n) => n !== 'ping');
    assert.equal(names[0], 'message_start');
    assert.equal(names.at(-1), 'message_stop');
    assert.ok(names.includes('content_block_stop'));
    const text = events.filter((e) => e.event === 'content_block_delta').map((e) => e.data.delta.text).join('');
    assert.equal(text, 'ollama answer to: what is it');
    assert.equal(events.find((e) => e.event === 'message_delta').data.usage.output_tokens, 9);
    assert.deepEqual(up.last().body.messages[0], { role: 'user', content: 'what is it', images: ['iVBORw0KGgo='] });
  });

  test('model discovery reads /api/tags (admin provider test)', async () => {
    const r = await request(gw.url('/admin/api/v1/providers/found/test'), { method: 'POST', key: gw.adminToken });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.models, ['llama-test:latest', 'qwen-discovered:8b']);
    assert.equal(up.last().path, '/api/tags');
  });

  test('429 → 429 with retry-after; 503 busy → 503; in both dialects', async () => {
    const o = await chat({ model: 'local/e429', messages: [{ role: 'user', content: 'x' }] });
    assert.equal(o.status, 429, o.text);
    assert.equal(o.headers.get('retry-after'), '4');
    assert.equal(openAiError(o.json).message, 'upstream local: too many requests');
    const a = await messages({ model: 'local/e429', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] });
    assert.equal(a.status, 429);
    assert.equal(a.json.error.type, 'rate_limit_error');
    const b = await messages({ model: 'local/e503', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] });
    assert.equal(b.status, 503, b.text);
    assert.equal(b.json.error.type, 'overloaded_error');
  });

  test('context too long → 400 context_length_exceeded; unknown model → 404', async () => {
    const o = await chat({ model: 'local/elong', messages: [{ role: 'user', content: 'x' }] });
    assert.equal(o.status, 400, o.text);
    assert.equal(openAiError(o.json).code, 'context_length_exceeded');
    const m = await messages({ model: 'local/missing', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] });
    assert.equal(m.status, 404, m.text);
    assert.equal(m.json.error.type, 'not_found_error');
  });

  test('an image URL cannot be sent to Ollama: a clear 400 naming it', async () => {
    up.clearRequests();
    const r = await chat({ model: 'local/llama-test', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] }] });
    assert.equal(r.status, 400, r.text);
    assert.match(openAiError(r.json).message, /messages\[0\]\.content\[0\].*image URL/);
    assert.equal(up.requests.length, 0, 'nothing reached the upstream');
  });
});
