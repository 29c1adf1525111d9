// Conformance: same dialect in and out passes the client's bytes through
// (unknown fields, key order and spacing kept; only the model replaced), with
// the dialect's headers (anthropic-version, anthropic-beta) and the provider
// key instead of the gateway key; the provider's answer comes back byte for
// byte, streamed as it comes. Also: the gateway key as Authorization: Bearer
// or x-api-key on every dialect, count_tokens and the HEAD / probe.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { sendJson, sendPieces } from '../lib/scripted_upstream.mjs';
import { upstreamAnswer, clientDialects } from '../lib/dialect_wire.mjs';
import { startConformanceGateway, clientBody, clientPath, providerKey, kClaudeCodeBetas, checkUpstreamAuth } from './conformance_lib.mjs';

const answer = { text: 'pass ✓', call: { id: 'call_p1', name: 'get_weather', pieces: ['{"city"', ':"Paris"}'] }, stop: 'tool', usage: { input: 5, output: 3 } };

describe('conformance: same-dialect pass-through', { timeout: 60000 }, () => {
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

  for (const dialect of clientDialects) {
    for (const stream of [false, true]) {
      test(`${dialect} → ${dialect}${stream ? ' streaming' : ''}: request and answer bytes unchanged but the model`, async () => {
        const body = clientBody(dialect, dialect, { stream });
        body.x_unknown_field = { nested: [1, 'two', null], 'ünï': true };
        // Spacing and key order as a client might send them.
        const raw = JSON.stringify(body, null, 1);
        const a = upstreamAnswer(dialect, answer, { stream });
        up.next((record, res) => (stream ? sendPieces(res, a.body.split(/(?<=\n)/), a.contentType) : sendJson(res, 200, a.body)));
        const headers = dialect === 'anthropic'
          ? { 'x-api-key': gw.key, 'anthropic-version': '2023-06-01', 'anthropic-beta': kClaudeCodeBetas }
          : { authorization: `Bearer ${gw.key}` };
        const res = await fetch(gw.url(clientPath[dialect]), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
        const text = await res.text();
        assert.equal(res.status, 200, text);
        const rec = up.requests[0];
        checkUpstreamAuth(dialect, rec, gw.key);
        assert.equal(rec.rawBody, raw.replace(`"model": "${body.model}"`, '"model": "up-model"'), 'request bytes');
        assert.equal(text, a.body, 'answer bytes');
        if (dialect === 'anthropic') {
          assert.equal(rec.headers['anthropic-version'], '2023-06-01', 'the client\'s anthropic-version');
          assert.equal(rec.headers['anthropic-beta'], kClaudeCodeBetas, 'the client\'s betas');
        }
      });
    }
  }

  test('a newer anthropic-version and several anthropic-beta headers reach the Anthropic upstream', async () => {
    up.next((record, res) => sendJson(res, 200, upstreamAnswer('anthropic', answer, { stream: false }).body));
    const body = clientBody('anthropic', 'anthropic', { stream: false });
    const res = await fetch(gw.url('/v1/messages'), {
      method: 'POST',
      headers: [['content-type', 'application/json'], ['authorization', `Bearer ${gw.key}`], ['anthropic-version', '2026-10-21'],
        ['anthropic-beta', 'a-2025-01-01'], ['anthropic-beta', 'b-2025-02-02']],
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 200, await res.text());
    assert.equal(up.requests[0].headers['anthropic-version'], '2026-10-21');
    assert.deepEqual(up.requests[0].headers['anthropic-beta'].split(/,\s*/), ['a-2025-01-01', 'b-2025-02-02']);
  });
});

describe('conformance: gateway keys, count_tokens, HEAD /', { timeout: 60000 }, () => {
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

  for (const dialect of clientDialects) {
    for (const how of ['x-api-key', 'authorization']) {
      test(`${dialect}: the gateway key as ${how} is accepted and never forwarded`, async () => {
        const upstream = dialect === 'anthropic' ? 'chat' : 'anthropic';
        up.next((record, res) => sendJson(res, 200, upstreamAnswer(upstream, { text: 'ok', stop: 'stop', usage: { input: 1, output: 1 } }, { stream: false }).body));
        const headers = how === 'x-api-key' ? { 'x-api-key': gw.key } : { authorization: `Bearer ${gw.key}` };
        const res = await fetch(gw.url(clientPath[dialect]), {
          method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...headers },
          body: JSON.stringify(clientBody(dialect, upstream, { stream: false })),
        });
        assert.equal(res.status, 200, await res.text());
        checkUpstreamAuth(upstream, up.requests[0], gw.key);
        const wrong = await fetch(gw.url(clientPath[dialect]), {
          method: 'POST', headers: { 'content-type': 'application/json', [how]: how === 'x-api-key' ? 'gsk_wrong' : 'Bearer gsk_wrong' },
          body: JSON.stringify(clientBody(dialect, upstream, { stream: false })),
        });
        assert.equal(wrong.status, 401);
        assert.equal(up.requests.length, 1, 'a wrong key never reaches the upstream');
      });
    }
  }

  test('x-api-key on the other OpenAI routes: /v1/models, /v1/embeddings', async () => {
    const models = await fetch(gw.url('/v1/models'), { headers: { 'x-api-key': gw.key } });
    assert.equal(models.status, 200);
    assert.ok((await models.json()).data.some((m) => m.id === 'ant/up-model'));
    const emb = await fetch(gw.url('/v1/embeddings'), {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': gw.key },
      body: JSON.stringify({ model: 'mock/echo', input: 'hi' }),
    });
    assert.equal(emb.status, 200, await emb.text());
  });

  test('count_tokens passes through to an Anthropic provider (its count, its headers, the provider key)', async () => {
    up.next((record, res) => sendJson(res, 200, { input_tokens: 4242 }));
    const body = clientBody('anthropic', 'anthropic', { stream: false });
    delete body.stream;
    delete body.max_tokens;
    const res = await fetch(gw.url('/v1/messages/count_tokens?beta=true'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': gw.key, 'anthropic-version': '2023-06-01', 'anthropic-beta': 'token-counting-2024-11-01' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.deepEqual(JSON.parse(text), { input_tokens: 4242 });
    const rec = up.requests[0];
    assert.equal(rec.path, '/v1/messages/count_tokens');
    assert.equal(rec.headers['x-api-key'], providerKey.anthropic);
    assert.equal(rec.headers['anthropic-beta'], 'token-counting-2024-11-01');
    assert.deepEqual(rec.body, { ...body, model: 'up-model' });
  });

  test('count_tokens for a provider of another dialect, or an unknown model: the local estimate', async () => {
    for (const model of ['oa/up-model', 'no/such-model']) {
      const res = await fetch(gw.url('/v1/messages/count_tokens'), {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': gw.key, 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello there, how many tokens is this?' }] }),
      });
      const j = await res.json();
      assert.equal(res.status, 200, JSON.stringify(j));
      assert.ok(Number.isInteger(j.input_tokens) && j.input_tokens > 0, JSON.stringify(j));
    }
    assert.equal(up.requests.length, 0, 'no provider call');
  });

  test('count_tokens: an upstream error comes back in Anthropic format with its status', async () => {
    up.next((record, res) => sendJson(res, 429, { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }, { 'retry-after': '3' }));
    const res = await fetch(gw.url('/v1/messages/count_tokens'), {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': gw.key, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'ant/up-model', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '3');
    assert.equal((await res.json()).error.type, 'rate_limit_error');
  });

  test('HEAD / (Claude Code\'s probe) is answered without a key', async () => {
    const res = await fetch(gw.url('/'), { method: 'HEAD' });
    assert.equal(res.status, 200);
  });
});
