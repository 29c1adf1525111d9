// The official openai Node SDK against the real gateway.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startFakeUpstream, expectedStreamText } from './lib/fake_upstream.mjs';
import { startGateway, openaiProvider } from './lib/gateway.mjs';

describe('openai SDK', { timeout: 60000 }, () => {
  let up;
  let gw;
  let client;
  before(async () => {
    up = await startFakeUpstream();
    up.models = ['gpt-test', 'e429', 'e500', 'e400'];
    gw = await startGateway({ config: { providers: { up: openaiProvider(up, { models: up.models }) } } });
    client = new OpenAI({ baseURL: `${gw.baseUrl}/v1`, apiKey: gw.key, maxRetries: 0, timeout: 15000 });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });
  beforeEach(() => {
    up.reset();
    up.route('e429', {
      type: 'error',
      status: 429,
      headers: { 'retry-after': '3' },
      body: { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
    });
    up.route('e500', { type: 'error', status: 500, body: { error: { message: 'upstream boom', type: 'server_error', param: null, code: null } } });
    up.route('e400', {
      type: 'error',
      status: 400,
      body: { error: { message: "Unsupported parameter: 'foo'", type: 'invalid_request_error', param: 'foo', code: 'unsupported_parameter' } },
    });
  });

  test('chat.completions.create (non-streaming)', async () => {
    const c = await client.chat.completions.create({
      model: 'up/gpt-test',
      messages: [{ role: 'user', content: 'sdk hello' }],
    });
    assert.equal(c.object, 'chat.completion');
    assert.equal(c.choices[0].message.content, 'upstream answer to: sdk hello');
    assert.equal(c.usage.total_tokens, 18);
    const seen = up.chatRequests()[0];
    assert.equal(seen.body.model, 'gpt-test');
    assert.equal(seen.headers.authorization, 'Bearer sk-upstream-secret');
  });

  test('chat.completions.create streaming with include_usage', async () => {
    const body = { model: 'up/gpt-test', messages: [{ role: 'user', content: 'sdk stream' }] };
    const stream = await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      assert.equal(chunk.object, 'chat.completion.chunk');
      for (const c of chunk.choices) text += c.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, expectedStreamText(5, body));
    assert.ok(chunks >= 6, `chunks: ${chunks}`);
    assert.ok(usage, 'a usage chunk is expected with stream_options.include_usage');
    assert.equal(usage.completion_tokens, 5);
    assert.deepEqual(up.chatRequests()[0].body.stream_options, { include_usage: true });
  });

  test('mock/echo streaming through the SDK', async () => {
    const stream = await client.chat.completions.create({
      model: 'mock/echo',
      messages: [{ role: 'user', content: 'echo via sdk' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) for (const c of chunk.choices) text += c.delta?.content ?? '';
    assert.equal(text, 'You said: echo via sdk');
  });

  test('models.list() lists up/gpt-test and mock/echo', async () => {
    const ids = [];
    for await (const m of client.models.list()) {
      ids.push(m.id);
      assert.equal(m.object, 'model');
    }
    assert.ok(ids.includes('up/gpt-test'), `ids: ${ids.join(', ')}`);
    assert.ok(ids.includes('mock/echo'), `ids: ${ids.join(', ')}`);
  });

  test('AuthenticationError for a bad key', async () => {
    const bad = new OpenAI({ baseURL: `${gw.baseUrl}/v1`, apiKey: 'gsk_bad_key_000', maxRetries: 0 });
    await assert.rejects(bad.chat.completions.create({ model: 'mock/echo', messages: [{ role: 'user', content: 'x' }] }), (e) => {
      assert.ok(e instanceof OpenAI.AuthenticationError, `got ${e?.constructor?.name}: ${e?.message}`);
      assert.equal(e.status, 401);
      return true;
    });
  });

  test('NotFoundError for an unknown model', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'nope/missing', messages: [{ role: 'user', content: 'x' }] }), (e) => {
      assert.ok(e instanceof OpenAI.NotFoundError, `got ${e?.constructor?.name}: ${e?.message}`);
      assert.equal(e.code, 'model_not_found');
      return true;
    });
  });

  test('RateLimitError for an upstream 429', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'up/e429', messages: [{ role: 'user', content: 'x' }] }), (e) => {
      assert.ok(e instanceof OpenAI.RateLimitError, `got ${e?.constructor?.name}: ${e?.message}`);
      assert.equal(e.headers.get('retry-after'), '3');
      assert.match(e.message, /Rate limit reached/);
      return true;
    });
  });

  test('InternalServerError for an upstream 500', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'up/e500', messages: [{ role: 'user', content: 'x' }] }), (e) => {
      assert.ok(e instanceof OpenAI.InternalServerError, `got ${e?.constructor?.name}: ${e?.message}`);
      assert.equal(e.status, 500);
      assert.match(e.message, /upstream boom/);
      return true;
    });
  });

  test('BadRequestError for an upstream 400 and for an invalid request', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'up/e400', messages: [{ role: 'user', content: 'x' }] }), (e) => {
      assert.ok(e instanceof OpenAI.BadRequestError, `got ${e?.constructor?.name}: ${e?.message}`);
      assert.equal(e.param, 'foo');
      assert.match(e.message, /Unsupported parameter/);
      return true;
    });
    await assert.rejects(client.chat.completions.create({ model: 'up/gpt-test', messages: 'not-an-array' }), (e) => {
      assert.ok(e instanceof OpenAI.BadRequestError, `got ${e?.constructor?.name}: ${e?.message}`);
      return true;
    });
  });
});
