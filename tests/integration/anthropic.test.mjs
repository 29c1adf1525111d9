// Anthropic Messages inbound (adapters.anthropic_messages) through the real
// gateway: to the mock provider (translated from canonical events), and to an
// OpenAI-compatible fake upstream (cross-dialect both ways).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeUpstream } from './lib/fake_upstream.mjs';
import { startGateway, openaiProvider } from './lib/gateway.mjs';
import { request } from './lib/client.mjs';

// Parses an Anthropic SSE body into [{event, data}].
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

describe('Anthropic Messages inbound', { timeout: 60000 }, () => {
  let up;
  let gw;
  before(async () => {
    up = await startFakeUpstream();
    gw = await startGateway({ config: { providers: { up: openaiProvider(up) } } });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });

  const messages = (body, opts = {}) =>
    request(gw.url('/v1/messages?beta=true'), {
      method: 'POST',
      body,
      headers: { 'x-api-key': gw.key, 'anthropic-version': '2023-06-01', ...(opts.headers ?? {}) },
    });

  test('non-streaming answer from the mock provider, in Anthropic format', async () => {
    const r = await messages({ model: 'mock/echo', max_tokens: 64, messages: [{ role: 'user', content: 'ping' }] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.type, 'message');
    assert.equal(r.json.role, 'assistant');
    assert.equal(r.json.content[0].type, 'text');
    assert.equal(r.json.content[0].text, 'You said: ping');
    assert.equal(r.json.stop_reason, 'end_turn');
  });

  test('streaming: the full event sequence Claude Code needs', async () => {
    const r = await messages({
      model: 'mock/echo', max_tokens: 64, stream: true,
      system: [{ type: 'text', text: 'be brief' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hello stream' }] }],
    });
    assert.equal(r.status, 200, r.text);
    const events = anthropicEvents(r.text);
    const names = events.map((e) => e.event).filter((n) => n !== 'ping');
    assert.equal(names[0], 'message_start');
    assert.equal(names[1], 'content_block_start');
    assert.ok(names.includes('content_block_stop'), names.join(','));
    assert.equal(names.at(-2), 'message_delta');
    assert.equal(names.at(-1), 'message_stop');
    const text = events.filter((e) => e.event === 'content_block_delta').map((e) => e.data.delta.text).join('');
    assert.equal(text, 'You said: hello stream');
  });

  test('cross-dialect: Anthropic in, OpenAI upstream out, system folded into messages', async () => {
    up.reset();
    const r = await messages({
      model: 'up/gpt-test', max_tokens: 32, system: 'sys prompt',
      messages: [{ role: 'user', content: 'translate me' }],
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.type, 'message');
    const sent = up.chatRequests().at(-1);
    assert.equal(sent.body.model, 'gpt-test');
    assert.equal(sent.body.messages[0].role, 'system');
    assert.match(JSON.stringify(sent.body.messages), /translate me/);
    assert.equal(sent.headers['x-api-key'], undefined, 'the gateway key never reaches the upstream');
  });

  test('errors use the Anthropic error format', async () => {
    const r = await messages({ model: 'nope/x', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] });
    assert.equal(r.status, 404);
    assert.equal(r.json.type, 'error');
    assert.equal(r.json.error.type, 'not_found_error');
    const bad = await request(gw.url('/v1/messages'), { method: 'POST', body: { model: 'mock/echo' }, headers: { 'x-api-key': 'wrong' } });
    assert.equal(bad.status, 401);
    assert.equal(bad.json.error.type, 'authentication_error');
  });

  test('count_tokens answers an estimate', async () => {
    const r = await request(gw.url('/v1/messages/count_tokens'), {
      method: 'POST',
      body: { model: 'mock/echo', messages: [{ role: 'user', content: 'count these words please' }] },
      headers: { authorization: `Bearer ${gw.key}` },
    });
    assert.equal(r.status, 200, r.text);
    assert.ok(Number.isInteger(r.json.input_tokens) && r.json.input_tokens > 0);
  });

  test('HEAD / probe is answered', async () => {
    const r = await fetch(gw.url('/'), { method: 'HEAD' });
    assert.equal(r.status, 200);
  });
});
