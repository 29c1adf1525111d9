// OpenAI Responses inbound (adapters.openai_responses) through the real
// gateway: to a Chat Completions upstream, to an Anthropic upstream (both
// translated), and to a Responses upstream (drivers.openai "api": "responses",
// passed through byte for byte); streaming and not, a function tool round trip,
// errors in the OpenAI format, and the official openai SDK.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startGateway } from './lib/gateway.mjs';
import { request, openAiError } from './lib/client.mjs';
import {
  startScriptedUpstream, sendJson, sendSse, sseFrame, chatToolCallFrames, anthropicTextFrames,
} from './lib/scripted_upstream.mjs';

// Parses a Responses SSE body into [{event, data}] and checks the framing
// every client relies on: event line = data.type, sequence numbers 0,1,2…
function responsesEvents(text) {
  const out = [];
  for (const frame of text.split('\n\n')) {
    if (!frame.trim()) continue;
    const lines = frame.split('\n');
    const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
    const data = JSON.parse(lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n'));
    assert.equal(data.type, event, `event line and data.type differ: ${frame}`);
    out.push({ event, data });
  }
  out.forEach((e, i) => assert.equal(e.data.sequence_number, i, `sequence_number of ${e.event}`));
  return out;
}

const chatCompletion = (content, model = 'gpt-test') => ({
  id: 'chatcmpl-r1', object: 'chat.completion', created: 1700000000, model,
  choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 },
});

const chatTextFrames = (pieces, model = 'gpt-test') => {
  const base = { id: 'chatcmpl-s1', object: 'chat.completion.chunk', created: 1700000000, model };
  return [
    ...pieces.map((p, i) => sseFrame({ ...base, choices: [{ index: 0, delta: i === 0 ? { role: 'assistant', content: p } : { content: p }, finish_reason: null }] }, null)),
    sseFrame({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }, null),
    sseFrame({ ...base, choices: [], usage: { prompt_tokens: 11, completion_tokens: pieces.length, total_tokens: 11 + pieces.length } }, null),
    'data: [DONE]\n\n',
  ];
};

describe('OpenAI Responses inbound', { timeout: 60000 }, () => {
  let chatUp;
  let anthropicUp;
  let responsesUp;
  let gw;
  before(async () => {
    [chatUp, anthropicUp, responsesUp] = await Promise.all([startScriptedUpstream(), startScriptedUpstream(), startScriptedUpstream()]);
    gw = await startGateway({
      config: {
        providers: {
          chat: { driver: 'drivers.openai', api_key: 'sk-chat', options: { base_url: chatUp.baseUrl, models: ['gpt-test'] } },
          claude: { driver: 'drivers.anthropic', api_key: 'sk-ant', options: { base_url: anthropicUp.origin, models: ['claude-x'] } },
          resp: { driver: 'drivers.openai', api_key: 'sk-resp', options: { base_url: responsesUp.baseUrl, api: 'responses', models: ['gpt-5'] } },
        },
      },
    });
  });
  after(async () => {
    await gw?.stop();
    await Promise.all([chatUp?.close(), anthropicUp?.close(), responsesUp?.close()]);
  });
  beforeEach(() => {
    chatUp.reset();
    anthropicUp.reset();
    responsesUp.reset();
  });

  const responses = (body, headers = {}) =>
    request(gw.url('/v1/responses'), { method: 'POST', key: gw.key, body, headers });

  test('non-streaming to a Chat Completions upstream: translated both ways', async () => {
    chatUp.next((rec, res) => sendJson(res, 200, chatCompletion('Hi there')));
    const r = await responses({
      model: 'chat/gpt-test', instructions: 'be brief', input: 'hello', max_output_tokens: 40,
      store: false, include: ['reasoning.encrypted_content'], client_metadata: { cwd: '/x' },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.object, 'response');
    assert.equal(r.json.status, 'completed');
    assert.equal(r.json.model, 'chat/gpt-test');
    assert.equal(r.json.output[0].type, 'message');
    assert.equal(r.json.output[0].content[0].type, 'output_text');
    assert.equal(r.json.output[0].content[0].text, 'Hi there');
    assert.deepEqual(r.json.usage, { input_tokens: 7, input_tokens_details: { cached_tokens: 0 }, output_tokens: 3, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 10 });
    const sent = chatUp.requests[0];
    assert.equal(sent.path, '/v1/chat/completions');
    assert.equal(sent.headers.authorization, 'Bearer sk-chat');
    assert.deepEqual(sent.body.messages, [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello' }]);
    assert.equal(sent.body.max_tokens, 40);
    for (const k of ['input', 'instructions', 'include', 'client_metadata', 'store', 'max_output_tokens'])
      assert.ok(!(k in sent.body), `${k} must not reach a Chat Completions upstream`);
  });

  test('streaming to a Chat Completions upstream: the whole event sequence Codex needs', async () => {
    chatUp.next((rec, res) => sendSse(res, chatTextFrames(['Hel', 'lo ', 'world'])));
    const r = await responses({ model: 'chat/gpt-test', input: [{ role: 'user', content: [{ type: 'input_text', text: 'hi' }] }], stream: true });
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^text\/event-stream/);
    const events = responsesEvents(r.text);
    const names = events.map((e) => e.event);
    assert.deepEqual(names, [
      'response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added',
      'response.output_text.delta', 'response.output_text.delta', 'response.output_text.delta',
      'response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.completed',
    ]);
    assert.equal(events.filter((e) => e.event === 'response.output_text.delta').map((e) => e.data.delta).join(''), 'Hello world');
    const done = events.find((e) => e.event === 'response.output_item.done').data.item;
    assert.equal(done.content[0].text, 'Hello world');
    const completed = events.at(-1).data.response;
    assert.equal(completed.status, 'completed');
    assert.equal(completed.usage.output_tokens, 3);
    assert.equal(completed.output[0].content[0].text, 'Hello world');
    assert.equal(chatUp.requests[0].body.stream, true);
  });

  test('function tool round trip through a Chat Completions upstream, arguments streamed in pieces', async () => {
    const tools = [{ type: 'function', name: 'exec_command', description: 'run', parameters: { type: 'object', properties: { cmd: { type: 'string' } } } },
      { type: 'web_search' }];
    chatUp.next((rec, res) => sendSse(res, chatToolCallFrames({ name: 'exec_command', callId: 'call_9', pieces: ['{"cmd"', ':"ls', ' -la"}'] })));
    const first = await responses({ model: 'chat/gpt-test', input: 'list files', tools, tool_choice: 'auto', stream: true });
    assert.equal(first.status, 200, first.text);
    const events = responsesEvents(first.text);
    const deltas = events.filter((e) => e.event === 'response.function_call_arguments.delta').map((e) => e.data.delta);
    assert.deepEqual(deltas, ['{"cmd"', ':"ls', ' -la"}']);
    const call = events.find((e) => e.event === 'response.output_item.done').data.item;
    assert.equal(call.type, 'function_call');
    assert.equal(call.call_id, 'call_9');
    assert.equal(call.name, 'exec_command');
    assert.equal(call.arguments, '{"cmd":"ls -la"}');
    const sentTools = chatUp.requests[0].body.tools;
    assert.equal(sentTools.length, 1, 'web_search has no Chat Completions form');
    assert.equal(sentTools[0].function.name, 'exec_command');

    // Turn 2 (store: false): the call is replayed with its output.
    chatUp.next((rec, res) => sendSse(res, chatTextFrames(['two files'])));
    const second = await responses({
      model: 'chat/gpt-test', tools, stream: true, store: false,
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'list files' }] },
        { type: 'function_call', call_id: 'call_9', name: 'exec_command', arguments: '{"cmd":"ls -la"}' },
        { type: 'function_call_output', call_id: 'call_9', output: 'a.txt\nb.txt' },
      ],
    });
    assert.equal(second.status, 200, second.text);
    const msgs = chatUp.requests[1].body.messages;
    assert.deepEqual(msgs[1], { role: 'assistant', content: null, tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'exec_command', arguments: '{"cmd":"ls -la"}' } }] });
    assert.deepEqual(msgs[2], { role: 'tool', tool_call_id: 'call_9', content: 'a.txt\nb.txt' });
  });

  test('to an Anthropic upstream: translated request and streamed answer', async () => {
    anthropicUp.next((rec, res) => sendSse(res, anthropicTextFrames('Bonjour!')));
    const r = await responses({
      model: 'claude/claude-x', stream: true,
      input: [
        { role: 'developer', content: 'answer in French' },
        { role: 'user', content: 'hello' },
        { type: 'function_call', call_id: 'toolu_1', name: 'f', arguments: '{"a":1}' },
        { type: 'function_call_output', call_id: 'toolu_1', output: 'ok' },
      ],
    });
    assert.equal(r.status, 200, r.text);
    const events = responsesEvents(r.text);
    assert.equal(events.at(-1).event, 'response.completed');
    assert.equal(events.find((e) => e.event === 'response.output_item.done').data.item.content[0].text, 'Bonjour!');
    assert.equal(events.at(-1).data.response.usage.output_tokens, 6);
    const sent = anthropicUp.requests[0];
    assert.equal(sent.path, '/v1/messages');
    assert.equal(sent.headers['x-api-key'], 'sk-ant');
    assert.equal(sent.body.system, 'answer in French');
    assert.equal(sent.body.model, 'claude-x');
    assert.deepEqual(sent.body.messages[1], { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } }] });
    assert.deepEqual(sent.body.messages[2].content[0], { type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' });
  });

  test('previous_response_id to a non-Responses upstream is refused by name', async () => {
    const r = await responses({ model: 'claude/claude-x', input: 'again', previous_response_id: 'resp_123' });
    assert.equal(r.status, 400, r.text);
    const e = openAiError(r.json);
    assert.match(e.message, /previous_response_id/);
    assert.equal(e.param, 'previous_response_id');
    assert.equal(anthropicUp.requests.length, 0);
  });

  test('to a Responses upstream: request and answer bytes pass through untouched (non-streaming)', async () => {
    const upstreamAnswer = '{"id":"resp_up1","object":"response","status":"completed","model":"gpt-5","output":[{"type":"message","id":"msg_1","role":"assistant","content":[{"type":"output_text","text":"pong","annotations":[]}]}],"usage":{"input_tokens":3,"output_tokens":1,"total_tokens":4},"x_unknown_field":{"kept":true}}';
    responsesUp.next((rec, res) => sendJson(res, 200, upstreamAnswer, { 'x-request-id': 'up-1' }));
    const raw = '{ "model" : "resp/gpt-5", "input":"ping",  "x_client_field": [1, 2.50, "ü"], "store": false, "previous_response_id": null }';
    const r = await request(gw.url('/v1/responses'), { method: 'POST', key: gw.key, body: raw });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.text, upstreamAnswer);
    const sent = responsesUp.requests[0];
    assert.equal(sent.path, '/v1/responses');
    assert.equal(sent.headers.authorization, 'Bearer sk-resp');
    assert.equal(sent.rawBody, raw.replace('"resp/gpt-5"', '"gpt-5"'));
  });

  test('to a Responses upstream: streamed events pass through byte for byte', async () => {
    const frames = [
      sseFrame({ type: 'response.created', sequence_number: 0, response: { id: 'resp_up2', status: 'in_progress', output: [] } }),
      sseFrame({ type: 'response.output_text.delta', sequence_number: 1, item_id: 'm', output_index: 0, content_index: 0, delta: 'po' }),
      sseFrame({ type: 'response.x_future_event', sequence_number: 2, anything: [1] }),
      sseFrame({ type: 'response.completed', sequence_number: 3, response: { id: 'resp_up2', status: 'completed', output: [], usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } } }),
    ];
    responsesUp.next((rec, res) => sendSse(res, frames));
    const r = await responses({ model: 'resp/gpt-5', input: 'ping', stream: true });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.text, frames.join(''));
  });

  test('to a Responses upstream from Chat Completions: translated into a Responses call', async () => {
    responsesUp.next((rec, res) => sendSse(res, [
      sseFrame({ type: 'response.created', response: { id: 'resp_up3', model: 'gpt-5' } }),
      sseFrame({ type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'm1', role: 'assistant', content: [] } }),
      sseFrame({ type: 'response.output_text.delta', output_index: 0, delta: 'from ' }),
      sseFrame({ type: 'response.output_text.delta', output_index: 0, delta: 'responses' }),
      sseFrame({ type: 'response.output_item.done', output_index: 0, item: { type: 'message', id: 'm1', role: 'assistant', content: [{ type: 'output_text', text: 'from responses' }] } }),
      sseFrame({ type: 'response.completed', response: { id: 'resp_up3', usage: { input_tokens: 5, output_tokens: 2, total_tokens: 7 } } }),
    ]));
    const r = await request(gw.url('/v1/chat/completions'), {
      method: 'POST', key: gw.key,
      body: { model: 'resp/gpt-5', messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } },
    });
    assert.equal(r.status, 200, r.text);
    let content = '';
    let usage;
    for (const line of r.text.split('\n')) {
      if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
      const chunk = JSON.parse(line.slice(6));
      content += chunk.choices?.[0]?.delta?.content ?? '';
      usage = chunk.usage ?? usage;
    }
    assert.equal(content, 'from responses');
    assert.equal(usage.total_tokens, 7);
    const sent = responsesUp.requests[0].body;
    assert.equal(sent.model, 'gpt-5');
    assert.deepEqual(sent.input, [
      { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'sys' }] },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
    ]);
    assert.equal(sent.store, false);
    assert.ok(!('messages' in sent) && !('stream_options' in sent));
  });

  test('errors in the OpenAI format: bad JSON, unknown model, wrong type', async () => {
    const bad = await request(gw.url('/v1/responses'), { method: 'POST', key: gw.key, body: '{"model":' });
    assert.equal(bad.status, 400);
    assert.equal(openAiError(bad.json).type, 'invalid_request_error');
    assert.equal(bad.json.error.code, 'invalid_json');
    const unknown = await responses({ model: 'nope/x', input: 'x' });
    assert.equal(unknown.status, 404);
    assert.equal(openAiError(unknown.json).code, 'model_not_found');
    const wrong = await responses({ model: 'chat/gpt-test', input: 'x', max_output_tokens: 'many' });
    assert.equal(wrong.status, 400);
    assert.equal(openAiError(wrong.json).param, 'max_output_tokens');
    const noKey = await request(gw.url('/v1/responses'), { method: 'POST', body: { model: 'chat/gpt-test', input: 'x' } });
    assert.equal(noKey.status, 401);
    openAiError(noKey.json);
  });

  test('upstream 429 keeps its status, retry-after and message', async () => {
    for (const up of [chatUp, responsesUp]) {
      up.next((rec, res) => sendJson(res, 429, { error: { message: 'Rate limit reached', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' } }, { 'retry-after': '7' }));
    }
    for (const model of ['chat/gpt-test', 'resp/gpt-5']) {
      const r = await responses({ model, input: 'x', stream: true });
      assert.equal(r.status, 429, `${model}: ${r.text}`);
      assert.equal(r.headers.get('retry-after'), '7');
      const e = openAiError(r.json);
      assert.match(e.message, /Rate limit reached/);
    }
  });

  test('the official openai SDK: responses.create, streaming, stream helper, error classes', async () => {
    const client = new OpenAI({ baseURL: gw.url('/v1'), apiKey: gw.key, maxRetries: 0 });
    chatUp.next((rec, res) => sendJson(res, 200, chatCompletion('sdk answer')));
    const plain = await client.responses.create({ model: 'chat/gpt-test', input: 'hi' });
    assert.equal(plain.output_text, 'sdk answer');

    chatUp.next((rec, res) => sendSse(res, chatTextFrames(['str', 'eam'])));
    const stream = await client.responses.create({ model: 'chat/gpt-test', input: 'hi', stream: true });
    let text = '';
    let completed;
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') completed = event.response;
    }
    assert.equal(text, 'stream');
    assert.equal(completed.usage.output_tokens, 2);

    chatUp.next((rec, res) => sendSse(res, chatTextFrames(['help', 'er'])));
    const helper = client.responses.stream({ model: 'chat/gpt-test', input: 'hi' });
    const final = await helper.finalResponse();
    assert.equal(final.output_text, 'helper');

    await assert.rejects(client.responses.create({ model: 'nope/x', input: 'x' }), OpenAI.NotFoundError);
    await assert.rejects(new OpenAI({ baseURL: gw.url('/v1'), apiKey: 'wrong', maxRetries: 0 }).responses.create({ model: 'chat/gpt-test', input: 'x' }),
      OpenAI.AuthenticationError);
  });

  test('mock provider answers Responses requests too', async () => {
    const r = await responses({ model: 'mock/echo', input: 'ping' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.output[0].content[0].text, 'You said: ping');
  });
});
