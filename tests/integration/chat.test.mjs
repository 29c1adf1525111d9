// Non-streaming chat completions through the real gateway to a fake upstream.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeUpstream } from './lib/fake_upstream.mjs';
import { startGateway, openaiProvider } from './lib/gateway.mjs';
import { request } from './lib/client.mjs';

describe('chat completions (non-streaming) via provider "up"', { timeout: 60000 }, () => {
  let up;
  let gw;
  before(async () => {
    up = await startFakeUpstream();
    gw = await startGateway({
      config: { providers: { up: openaiProvider(up) }, aliases: { fast: 'up/gpt-test' } },
    });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });
  beforeEach(() => up.reset());

  const chat = (body, { headers, key = gw.key } = {}) =>
    request(gw.url('/v1/chat/completions'), { method: 'POST', body, key, headers });

  const clientBody = () => ({
    model: 'up/gpt-test',
    messages: [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'hello upstream' },
    ],
    temperature: 0.25,
    max_tokens: 64,
    metadata: { a: 1 },
    custom_field: true,
  });

  test('upstream receives model "gpt-test" and the provider credential, never the gateway key', async () => {
    const r = await chat(clientBody());
    assert.equal(r.status, 200, `status ${r.status}: ${r.text}\n${gw.logs()}`);
    const reqs = up.chatRequests();
    assert.equal(reqs.length, 1, `upstream chat requests: ${reqs.length}`);
    const seen = reqs[0];
    assert.equal(seen.method, 'POST');
    assert.equal(seen.path, '/v1/chat/completions');
    assert.equal(seen.body.model, 'gpt-test');
    assert.equal(seen.headers.authorization, 'Bearer sk-upstream-secret');
    for (const [name, value] of Object.entries(seen.headers)) {
      assert.ok(!String(value).includes(gw.key), `upstream header ${name} carries the gateway key`);
      assert.ok(!String(value).includes('gsk_'), `upstream header ${name} carries a gateway key (${value})`);
    }
    assert.ok(!seen.rawBody.includes(gw.key), 'upstream body carries the gateway key');
  });

  test('unknown body fields reach the upstream unchanged', async () => {
    const sent = clientBody();
    const r = await chat(sent);
    assert.equal(r.status, 200, r.text);
    const seen = up.chatRequests()[0].body;
    assert.deepEqual(seen.metadata, { a: 1 });
    assert.equal(seen.custom_field, true);
    assert.equal(seen.temperature, 0.25);
    assert.equal(seen.max_tokens, 64);
    assert.deepEqual(seen.messages, sent.messages);
    // Contract: the client's body otherwise unchanged.
    assert.deepEqual(seen, { ...sent, model: 'gpt-test' });
  });

  test('the client gets the upstream answer unchanged', async () => {
    const answer = {
      id: 'chatcmpl-fixed-42',
      object: 'chat.completion',
      created: 1700000042,
      model: 'gpt-test-2024-01-01',
      system_fingerprint: 'fp_fake',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'exact upstream text \u00e9\u2603', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
      x_upstream_extra: { kept: true, list: [1, 2, 3] },
    };
    up.next({ type: 'json', body: answer });
    const r = await chat(clientBody());
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type') ?? '', /application\/json/);
    assert.deepEqual(r.json, answer);
  });

  test('x-api-key works as well as Authorization: Bearer', async () => {
    const r = await chat(clientBody(), { key: null, headers: { 'x-api-key': gw.key } });
    assert.equal(r.status, 200, r.text);
    const seen = up.chatRequests()[0];
    assert.equal(seen.headers.authorization, 'Bearer sk-upstream-secret');
    const xKey = seen.headers['x-api-key'];
    assert.ok(xKey === undefined || !xKey.includes(gw.key), `upstream got x-api-key ${xKey}`);
  });

  test('alias "fast" resolves to up/gpt-test', async () => {
    const r = await chat({ model: 'fast', messages: [{ role: 'user', content: 'via alias' }] });
    assert.equal(r.status, 200, r.text);
    assert.equal(up.chatRequests().length, 1);
    assert.equal(up.chatRequests()[0].body.model, 'gpt-test');
    assert.equal(r.json.choices[0].message.content, 'upstream answer to: via alias');
  });
});

describe('built-in mock provider', { timeout: 30000 }, () => {
  let gw;
  before(async () => {
    gw = await startGateway({ config: {} });
  });
  after(async () => {
    await gw?.stop();
  });

  test('mock/echo answers without any upstream', async () => {
    const r = await request(gw.url('/v1/chat/completions'), {
      method: 'POST',
      key: gw.key,
      body: { model: 'mock/echo', messages: [{ role: 'user', content: 'hello gateway' }] },
    });
    assert.equal(r.status, 200, `${r.text}\n${gw.logs()}`);
    assert.equal(r.json.object, 'chat.completion');
    assert.equal(r.json.choices[0].message.role, 'assistant');
    assert.equal(r.json.choices[0].message.content, 'You said: hello gateway');
  });
});
