// drivers.gemini through the real gateway: OpenAI Chat Completions and
// Anthropic Messages clients to a fake Gemini upstream, streaming and not,
// a tool-call round trip, usage, and Gemini errors in each client's dialect.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeGemini } from './lib/fake_dialect_upstream.mjs';
import { startGateway } from './lib/gateway.mjs';
import { request, startChatStream, collectSse, summarizeChatStream, openAiError } from './lib/client.mjs';

const kKey = 'AIza-upstream';

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

describe('drivers.gemini', { timeout: 60000 }, () => {
  let up;
  let gw;
  before(async () => {
    up = await startFakeGemini({ apiKey: kKey });
    const provider = (apiKey) => ({ driver: 'drivers.gemini', api_key: apiKey, options: { base_url: up.baseUrl, models: ['gemini-test', 'tool', 'e429', 'e503', 'elong'] } });
    gw = await startGateway({ config: { providers: { gem: provider(kKey), badkey: provider('AIza-wrong') } } });
    up.route('e429', {
      type: 'error', status: 429,
      body: { error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '17s' }] } },
    });
    up.route('e503', { type: 'error', status: 503, body: { error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } } });
    up.route('elong', {
      type: 'error', status: 400,
      body: { error: { code: 400, message: 'The input token count (1100000) exceeds the maximum number of tokens allowed (1048576).', status: 'INVALID_ARGUMENT' } },
    });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });

  const chat = (body) => request(gw.url('/v1/chat/completions'), { method: 'POST', key: gw.key, body });
  const messages = (body) =>
    request(gw.url('/v1/messages'), { method: 'POST', body, headers: { 'x-api-key': gw.key, 'anthropic-version': '2023-06-01' } });

  test('OpenAI client, non-streaming: translated request, answer and usage', async () => {
    up.clearRequests();
    const r = await chat({
      model: 'gem/gemini-test', max_tokens: 50, temperature: 0.3,
      messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello gemini' }],
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.choices[0].message.content, 'gemini answer to: hello gemini');
    assert.equal(r.json.choices[0].finish_reason, 'stop');
    assert.deepEqual([r.json.usage.prompt_tokens, r.json.usage.completion_tokens], [12, 5]);
    const sent = up.last();
    assert.equal(sent.path, '/v1beta/models/gemini-test:generateContent');
    assert.equal(sent.headers['x-goog-api-key'], kKey);
    assert.equal(sent.headers.authorization, undefined, 'the gateway key never reaches the upstream');
    assert.deepEqual(sent.body.systemInstruction, { parts: [{ text: 'be brief' }] });
    assert.deepEqual(sent.body.contents, [{ role: 'user', parts: [{ text: 'hello gemini' }] }]);
    assert.deepEqual(sent.body.generationConfig, { maxOutputTokens: 50, temperature: 0.3 });
  });

  test('OpenAI client, streaming: chunks as they come, usage at the end', async () => {
    const res = await startChatStream(gw.baseUrl, gw.key, {
      model: 'gem/gemini-test', stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'stream please' }],
    });
    assert.equal(res.status, 200);
    const s = summarizeChatStream(await collectSse(res));
    assert.equal(s.content, 'gemini answer to: stream please');
    assert.ok(s.contentChunks >= 2, `expected several content chunks, got ${s.contentChunks}`);
    assert.ok(s.done);
    assert.equal(s.usage.prompt_tokens, 12);
    assert.equal(up.last().url, '/v1beta/models/gemini-test:streamGenerateContent?alt=sse');
  });

  test('tool-call round trip: functionCall → tool_calls → functionResponse with the thought signature', async () => {
    up.route('tool', { type: 'tool', name: 'get_weather', args: { city: 'Paris' }, signature: 'c2lnbmF0dXJlLzE+Pw==' });
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const first = await chat({ model: 'gem/tool', tools, messages: [{ role: 'user', content: 'weather?' }] });
    assert.equal(first.status, 200, first.text);
    const msg = first.json.choices[0].message;
    assert.equal(first.json.choices[0].finish_reason, 'tool_calls');
    assert.equal(msg.tool_calls[0].function.name, 'get_weather');
    assert.deepEqual(JSON.parse(msg.tool_calls[0].function.arguments), { city: 'Paris' });
    assert.deepEqual(up.last().body.tools, [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: tools[0].function.parameters }] }]);

    up.route('tool', { type: 'text', text: 'It is sunny.' });
    const second = await chat({
      model: 'gem/tool', tools,
      messages: [{ role: 'user', content: 'weather?' }, msg, { role: 'tool', tool_call_id: msg.tool_calls[0].id, content: '{"temp":21}' }],
    });
    assert.equal(second.status, 200, second.text);
    assert.equal(second.json.choices[0].message.content, 'It is sunny.');
    const contents = up.last().body.contents;
    assert.deepEqual(contents[1], { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'c2lnbmF0dXJlLzE+Pw==' }] });
    assert.deepEqual(contents[2], { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { temp: 21 } } }] });
  });

  test('Anthropic client, streaming: full event sequence and tool_use', async () => {
    up.route('tool', { type: 'tool', name: 'Bash', args: { command: 'ls' } });
    const r = await messages({
      model: 'gem/tool', max_tokens: 64, stream: true,
      tools: [{ name: 'Bash', input_schema: { type: 'object', properties: { command: { type: 'string' } } } }],
      messages: [{ role: 'user', content: 'list files' }],
    });
    assert.equal(r.status, 200, r.text);
    const events = anthropicEvents(r.text);
    const names = events.map((e) => e.event).filter((n) => n !== 'ping');
    assert.deepEqual(names, ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    assert.equal(events.find((e) => e.event === 'content_block_start').data.content_block.type, 'tool_use');
    assert.equal(events.find((e) => e.event === 'content_block_start').data.content_block.name, 'Bash');
    assert.deepEqual(JSON.parse(events.find((e) => e.event === 'content_block_delta').data.delta.partial_json), { command: 'ls' });
    const delta = events.find((e) => e.event === 'message_delta').data;
    assert.equal(delta.delta.stop_reason, 'tool_use');
    assert.equal(delta.usage.output_tokens, 5);
  });

  test('Anthropic client, non-streaming text', async () => {
    const r = await messages({ model: 'gem/gemini-test', max_tokens: 64, system: 'sys', messages: [{ role: 'user', content: 'hi there' }] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.content[0].text, 'gemini answer to: hi there');
    assert.equal(r.json.usage.input_tokens, 12);
    assert.deepEqual(up.last().body.systemInstruction, { parts: [{ text: 'sys' }] });
  });

  test('429 RESOURCE_EXHAUSTED → 429 with retry-after from RetryInfo, in both dialects', async () => {
    const o = await chat({ model: 'gem/e429', messages: [{ role: 'user', content: 'x' }] });
    assert.equal(o.status, 429, o.text);
    assert.equal(o.headers.get('retry-after'), '17');
    const e = openAiError(o.json);
    assert.match(e.message, /Resource has been exhausted/);
    const a = await messages({ model: 'gem/e429', max_tokens: 8, stream: true, messages: [{ role: 'user', content: 'x' }] });
    assert.equal(a.status, 429, a.text);
    assert.equal(a.headers.get('retry-after'), '17');
    assert.equal(a.json.type, 'error');
    assert.equal(a.json.error.type, 'rate_limit_error');
  });

  test('503 overloaded → 503, overloaded_error for Anthropic clients', async () => {
    const o = await chat({ model: 'gem/e503', messages: [{ role: 'user', content: 'x' }] });
    assert.equal(o.status, 503, o.text);
    openAiError(o.json);
    const a = await messages({ model: 'gem/e503', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] });
    assert.equal(a.status, 503, a.text);
    assert.equal(a.json.error.type, 'overloaded_error');
  });

  test('context too long → 400 context_length_exceeded / invalid_request_error', async () => {
    const o = await chat({ model: 'gem/elong', messages: [{ role: 'user', content: 'x' }] });
    assert.equal(o.status, 400, o.text);
    assert.equal(openAiError(o.json).code, 'context_length_exceeded');
    const a = await messages({ model: 'gem/elong', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] });
    assert.equal(a.status, 400, a.text);
    assert.equal(a.json.error.type, 'invalid_request_error');
    assert.match(a.json.error.message, /exceeds the maximum number of tokens/);
  });

  test('a bad provider key (Google answers 400) → 401 in both dialects', async () => {
    const o = await chat({ model: 'badkey/gemini-test', messages: [{ role: 'user', content: 'x' }] });
    assert.equal(o.status, 401, o.text);
    assert.equal(openAiError(o.json).type, 'authentication_error');
    const a = await messages({ model: 'badkey/gemini-test', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] });
    assert.equal(a.status, 401, a.text);
    assert.equal(a.json.error.type, 'authentication_error');
    assert.ok(!gw.logs().includes(kKey), 'the provider key is never logged');
  });
});
