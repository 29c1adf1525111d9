// Ollama inbound (adapters.ollama) through the real gateway: /api/chat and
// /api/generate to an OpenAI-compatible fake upstream, to an Anthropic fake
// upstream and to the mock driver, streaming (NDJSON, Ollama's default) and
// not, tool-call round trips, /api/tags, /api/show, /api/version, errors.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeUpstream, expectedStreamText } from './lib/fake_upstream.mjs';
import { startFakeAnthropic } from './lib/fake_anthropic.mjs';
import { startGateway, openaiProvider } from './lib/gateway.mjs';
import { request, withTimeout } from './lib/client.mjs';

const weatherTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
};

// Parses an NDJSON body into objects; every line must be complete JSON.
function ndjson(text) {
  assert.ok(text.endsWith('\n'), `NDJSON ends with a newline: ${JSON.stringify(text.slice(-40))}`);
  return text.trimEnd().split('\n').map((line) => JSON.parse(line));
}

function chatText(lines) {
  return lines.filter((l) => !l.done).map((l) => l.message?.content ?? l.response ?? '').join('');
}

describe('Ollama inbound', { timeout: 90000 }, () => {
  let up;
  let claude;
  let gw;
  before(async () => {
    up = await startFakeUpstream();
    claude = await startFakeAnthropic();
    gw = await startGateway({
      config: {
        providers: {
          up: openaiProvider(up),
          claude: { driver: 'drivers.anthropic', options: { base_url: claude.origin, models: ['claude-test'] }, api_key: 'sk-ant-upstream' },
        },
        aliases: { llama3: 'up/gpt-test' },
      },
    });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
    await claude?.close();
  });

  const post = (path, body, headers = { authorization: `Bearer ${gw.key}` }) =>
    request(gw.url(path), { method: 'POST', headers, body });

  test('/api/chat streams NDJSON by default (OpenAI upstream), deltas as they come', async () => {
    up.reset();
    const held = up.next({ type: 'stream', chunks: 4, holdAfterFirstChunk: true });
    const res = await fetch(gw.url('/api/chat'), {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'llama3', messages: [{ role: 'user', content: 'stream me' }] }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/x-ndjson');
    const reader = res.body.getReader();
    // The first line reaches the client while the upstream still holds the rest.
    const first = await withTimeout(reader.read(), 10000, 'first NDJSON line');
    const firstLine = JSON.parse(new TextDecoder().decode(first.value).split('\n')[0]);
    assert.equal(firstLine.done, false);
    assert.equal(firstLine.model, 'llama3');
    held.release();
    let text = new TextDecoder().decode(first.value);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const lines = ndjson(text);
    const sent = up.chatRequests().at(-1);
    assert.equal(sent.body.model, 'gpt-test');
    assert.equal(sent.body.stream, true);
    assert.equal(chatText(lines), expectedStreamText(4, sent.body));
    const last = lines.at(-1);
    assert.equal(last.done, true);
    assert.equal(last.done_reason, 'stop');
    assert.equal(last.prompt_eval_count, 11);
    assert.equal(last.eval_count, 4);
  });

  test('/api/chat stream:false answers one object; options reach the upstream', async () => {
    up.reset();
    const r = await post('/api/chat', {
      model: 'up/gpt-test', stream: false,
      options: { temperature: 0.3, num_predict: 50, seed: 4, num_ctx: 8192 }, keep_alive: '10m',
      messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'whole please' }],
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.done, true);
    assert.equal(r.json.message.role, 'assistant');
    assert.equal(r.json.message.content, 'upstream answer to: whole please');
    assert.equal(r.json.prompt_eval_count, 11);
    assert.equal(r.json.eval_count, 7);
    const sent = up.chatRequests().at(-1).body;
    assert.equal(sent.temperature, 0.3);
    assert.equal(sent.max_tokens, 50);
    assert.equal(sent.seed, 4);
    assert.equal(sent.messages[0].role, 'system');
    assert.ok(!('num_ctx' in sent) && !('options' in sent) && !('keep_alive' in sent) && !('gateos.ollama' in sent),
      `Ollama-only fields never reach an OpenAI upstream: ${JSON.stringify(sent)}`);
  });

  test('/api/generate streaming and not: system + prompt become a chat turn', async () => {
    up.reset();
    const streamed = await post('/api/generate', { model: 'up/gpt-test', system: 'be short', prompt: 'gen me' });
    assert.equal(streamed.status, 200, streamed.text);
    const lines = ndjson(streamed.text);
    const sent = up.chatRequests().at(-1).body;
    assert.deepEqual(sent.messages.map((m) => m.role), ['system', 'user']);
    assert.equal(chatText(lines), expectedStreamText(5, sent));
    assert.ok(lines.slice(0, -1).every((l) => typeof l.response === 'string' && !('message' in l)));
    assert.equal(lines.at(-1).done, true);

    const whole = await post('/api/generate', { model: 'up/gpt-test', prompt: 'whole gen', stream: false, raw: true });
    assert.equal(whole.status, 200, whole.text);
    assert.equal(whole.json.response, 'upstream answer to: whole gen');
    assert.equal(whole.json.done, true);
  });

  test('tool call round trip through an OpenAI upstream (ids kept or synthesised)', async () => {
    up.reset();
    up.next({
      type: 'json',
      body: {
        id: 'chatcmpl-tool', object: 'chat.completion', created: 1, model: 'gpt-test',
        choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content: null,
          tool_calls: [{ id: 'call_up_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] } }],
        usage: { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 },
      },
    });
    const first = await post('/api/chat', { model: 'up/gpt-test', stream: false, tools: [weatherTool], messages: [{ role: 'user', content: 'weather in Paris?' }] });
    assert.equal(first.status, 200, first.text);
    const call = first.json.message.tool_calls[0];
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(call.function.arguments, { city: 'Paris' });
    assert.equal(call.id, 'call_up_1');
    assert.equal(up.chatRequests().at(-1).body.tools[0].function.name, 'get_weather');

    // An Ollama client sends the call back without its id and answers with tool_name.
    const second = await post('/api/chat', {
      model: 'up/gpt-test', stream: false, tools: [weatherTool],
      messages: [
        { role: 'user', content: 'weather in Paris?' },
        { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
        { role: 'tool', tool_name: 'get_weather', content: 'sunny, 21C' },
      ],
    });
    assert.equal(second.status, 200, second.text);
    const sent = up.chatRequests().at(-1).body.messages;
    assert.equal(sent[1].tool_calls[0].id, 'call_1_0');
    assert.equal(sent[1].tool_calls[0].function.arguments, '{"city":"Paris"}');
    assert.deepEqual(sent[2], { role: 'tool', tool_call_id: 'call_1_0', content: 'sunny, 21C' });
  });

  test('streamed tool call (mock driver) arrives whole, arguments as an object', async () => {
    const r = await post('/api/chat', { model: 'mock/tools', tools: [weatherTool], messages: [{ role: 'user', content: 'Oslo' }] });
    assert.equal(r.status, 200, r.text);
    const lines = ndjson(r.text);
    const calls = lines.flatMap((l) => l.message?.tool_calls ?? []);
    assert.equal(calls.length, 1, r.text);
    assert.equal(calls[0].function.name, 'get_weather');
    assert.deepEqual(calls[0].function.arguments, { input: 'Oslo' });
    assert.equal(lines.at(-1).done, true);
  });

  test('to an Anthropic upstream: streaming, whole, and a tool round trip', async () => {
    const streamed = await post('/api/chat', { model: 'claude/claude-test', messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'bonjour' }] });
    assert.equal(streamed.status, 200, streamed.text);
    const lines = ndjson(streamed.text);
    assert.equal(chatText(lines), 'anthropic says: bonjour');
    assert.equal(lines.at(-1).done, true);
    assert.equal(lines.at(-1).prompt_eval_count, 12);
    assert.equal(lines.at(-1).eval_count, 5);
    const sent = claude.requests.at(-1);
    assert.equal(sent.body.system?.[0]?.text ?? sent.body.system, 'sys');
    assert.equal(sent.headers['x-api-key'], 'sk-ant-upstream');
    assert.ok(!JSON.stringify(sent.headers).includes(gw.key), 'the gateway key never reaches the upstream');

    const gen = await post('/api/generate', { model: 'claude/claude-test', prompt: 'salut', stream: false });
    assert.equal(gen.status, 200, gen.text);
    assert.equal(gen.json.response, 'anthropic says: salut');

    const toolTurn = await post('/api/chat', { model: 'claude/claude-test', tools: [weatherTool], messages: [{ role: 'user', content: 'Rome' }] });
    const call = ndjson(toolTurn.text).flatMap((l) => l.message?.tool_calls ?? [])[0];
    assert.deepEqual(call.function.arguments, { city: 'Rome' });
    const answer = await post('/api/chat', {
      model: 'claude/claude-test', stream: false, tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Rome' },
        { role: 'assistant', content: '', tool_calls: [call] },
        { role: 'tool', tool_name: 'get_weather', content: 'rainy' },
      ],
    });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.json.message.content, 'anthropic says: rainy');
    const messages = claude.requests.at(-1).body.messages;
    const toolUse = messages[1].content.find((b) => b.type === 'tool_use');
    const toolResult = messages[2].content.find((b) => b.type === 'tool_result');
    assert.equal(toolUse.id, call.id);
    assert.equal(toolResult.tool_use_id, call.id);
  });

  test('/api/tags, /api/show, /api/version, /api/ps', async () => {
    const auth = { authorization: `Bearer ${gw.key}` };
    const tags = await request(gw.url('/api/tags'), { headers: auth });
    assert.equal(tags.status, 200, tags.text);
    const names = tags.json.models.map((m) => m.name);
    for (const name of ['mock/echo', 'mock/tools', 'up/gpt-test', 'claude/claude-test', 'llama3']) assert.ok(names.includes(name), names.join(','));
    const alias = tags.json.models.find((m) => m.name === 'llama3');
    assert.equal(alias.details.parent_model, 'up/gpt-test');
    assert.equal(typeof alias.modified_at, 'string');

    const show = await post('/api/show', { model: 'llama3' });
    assert.equal(show.status, 200, show.text);
    assert.equal(show.json.details.family, 'up');
    const missing = await post('/api/show', { model: 'nope/nothing' });
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { error: "model 'nope/nothing' not found" });

    const version = await request(gw.url('/api/version'), { headers: auth });
    assert.match(version.json.version, /^\d+\.\d+\.\d+$/);
    const ps = await request(gw.url('/api/ps'), { headers: auth });
    assert.deepEqual(ps.json, { models: [] });
  });

  test('keys: x-api-key works, no key is 401 in Ollama format', async () => {
    const viaHeader = await post('/api/chat', { model: 'mock/echo', stream: false, messages: [{ role: 'user', content: 'k' }] }, { 'x-api-key': gw.key });
    assert.equal(viaHeader.status, 200, viaHeader.text);
    assert.equal(viaHeader.json.message.content, 'You said: k');
    const none = await post('/api/chat', { model: 'mock/echo', messages: [{ role: 'user', content: 'k' }] }, {});
    assert.equal(none.status, 401);
    assert.match(none.json.error, /missing gateway key/);
    const tags = await request(gw.url('/api/tags'));
    assert.equal(tags.status, 401);
  });

  test('errors in Ollama format with fitting status', async () => {
    const unknown = await post('/api/chat', { model: 'nope/x', messages: [{ role: 'user', content: 'x' }] });
    assert.equal(unknown.status, 404);
    assert.match(unknown.json.error, /nope\/x/);
    const badJson = await request(gw.url('/api/chat'), { method: 'POST', key: gw.key, body: '{"model":' });
    assert.equal(badJson.status, 400);
    assert.match(badJson.json.error, /invalid JSON/);
    const badField = await post('/api/chat', { model: 'mock/echo', messages: [{ role: 'user', content: 'x', images: [7] }] });
    assert.equal(badField.status, 400);
    assert.match(badField.json.error, /messages\[0\]\.images\[0\]: expected string/);
    const fim = await post('/api/generate', { model: 'up/gpt-test', prompt: 'def f(', suffix: '  return 1' });
    assert.equal(fim.status, 400);
    assert.match(fim.json.error, /suffix/);

    up.next({ type: 'error', status: 503, body: { error: { message: 'overloaded', type: 'server_error' } } });
    const down = await post('/api/chat', { model: 'up/gpt-test', messages: [{ role: 'user', content: 'x' }] });
    assert.equal(down.status, 503);
    assert.match(down.json.error, /overloaded/);
  });
});
