// Every error in the contract: HTTP status plus the OpenAI error shape {"error":{message,type,param,code}}.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeUpstream, getClosedPort } from './lib/fake_upstream.mjs';
import { startGateway, openaiProvider } from './lib/gateway.mjs';
import { request, openAiError } from './lib/client.mjs';

describe('errors', { timeout: 90000 }, () => {
  let up;
  let gw;
  before(async () => {
    up = await startFakeUpstream();
    up.models = ['gpt-test', 'hang', 'e429', 'e400', 'e500', 'html502', 'drop'];
    const deadPort = await getClosedPort();
    gw = await startGateway({
      config: {
        server: { max_body_bytes: 65536 },
        providers: {
          up: openaiProvider(up, { models: up.models }),
          dead: openaiProvider(up, {
            baseUrl: `http://127.0.0.1:${deadPort}/v1`,
            timeouts: { connect_ms: 1000, first_byte_ms: 2000, idle_ms: 2000, total_ms: 5000 },
          }),
          slow: openaiProvider(up, {
            models: ['hang'],
            timeouts: { connect_ms: 1000, first_byte_ms: 500, idle_ms: 500, total_ms: 5000 },
          }),
        },
      },
    });
    up.route('hang', { type: 'hang' });
    up.route('e429', {
      type: 'error',
      status: 429,
      headers: { 'retry-after': '7' },
      body: { error: { message: 'Rate limit reached for gpt-test in organization org-x', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
    });
    up.route('e400', {
      type: 'error',
      status: 400,
      body: { error: { message: "Invalid value for 'temperature': must be <= 2", type: 'invalid_request_error', param: 'temperature', code: 'invalid_value' } },
    });
    up.route('e500', {
      type: 'error',
      status: 500,
      body: { error: { message: 'The upstream server had an error', type: 'server_error', param: null, code: null } },
    });
    up.route('html502', {
      type: 'error',
      status: 502,
      contentType: 'text/html',
      body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
    });
    up.route('drop', { type: 'destroy' });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });

  const post = (body, { key = gw.key, headers } = {}) =>
    request(gw.url('/v1/chat/completions'), { method: 'POST', body, key, headers });
  const msg = [{ role: 'user', content: 'hi' }];

  function expectError(r, status) {
    assert.equal(r.status, status, `expected ${status}, got ${r.status}: ${r.text}`);
    assert.match(r.headers.get('content-type') ?? '', /application\/json/, 'error content-type');
    return openAiError(r.json);
  }

  test('malformed JSON → 400', async () => {
    expectError(await post('{"model": "up/gpt-test", "messages": ['), 400);
  });

  test('wrong field types → 400', async () => {
    expectError(await post({ model: 'up/gpt-test', messages: 'x' }), 400);
    expectError(await post({ model: 'up/gpt-test', messages: msg, stream: 'yes' }), 400);
    expectError(await post({ model: 5, messages: msg }), 400);
    assert.equal(up.chatRequests().filter((r) => r.body?.model === 'gpt-test').length, 0, 'invalid requests must not reach the upstream');
  });

  test('no key → 401', async () => {
    const e = expectError(await post({ model: 'mock/echo', messages: msg }, { key: null }), 401);
    assert.equal(typeof e.message, 'string');
  });

  test('wrong key → 401 (Bearer and x-api-key)', async () => {
    expectError(await post({ model: 'mock/echo', messages: msg }, { key: 'gsk_definitelynotavalidkey000000' }), 401);
    expectError(await post({ model: 'mock/echo', messages: msg }, { key: null, headers: { 'x-api-key': 'gsk_wrong' } }), 401);
    expectError(await post({ model: 'mock/echo', messages: msg }, { key: 'sk-upstream-secret' }), 401);
  });

  test('unknown model → 404 model_not_found', async () => {
    for (const model of ['nosuchprovider/some-model', 'no-such-alias']) {
      const e = expectError(await post({ model, messages: msg }), 404);
      assert.equal(e.code, 'model_not_found', `model ${model}: ${JSON.stringify(e)}`);
    }
  });

  test('body over server.max_body_bytes → 413', async () => {
    const big = 'x'.repeat(200 * 1024);
    const r = await post({ model: 'up/gpt-test', messages: [{ role: 'user', content: big }] });
    expectError(r, 413);
  });

  test('a body just under max_body_bytes is accepted', async () => {
    const r = await post({ model: 'mock/echo', messages: [{ role: 'user', content: 'y'.repeat(60000) }] });
    assert.equal(r.status, 200, r.text.slice(0, 500));
  });

  test('upstream unreachable → 502', async () => {
    expectError(await post({ model: 'dead/gpt-test', messages: msg }), 502);
  });

  test('upstream timeout (first byte) → 504', async () => {
    const started = Date.now();
    expectError(await post({ model: 'slow/hang', messages: msg }), 504);
    const took = Date.now() - started;
    assert.ok(took < 4500, `504 should come after first_byte_ms=500, took ${took} ms`);
  });

  test('upstream 429 → 429 with retry-after and the upstream message', async () => {
    const r = await post({ model: 'up/e429', messages: msg });
    const e = expectError(r, 429);
    assert.equal(r.headers.get('retry-after'), '7');
    // The provider's message, marked as coming from provider "up".
    assert.equal(e.message, 'upstream up: Rate limit reached for gpt-test in organization org-x');
    assert.equal(e.code, 'rate_limit_exceeded');
  });

  test('upstream 400 → 400 with its message', async () => {
    const e = expectError(await post({ model: 'up/e400', messages: msg }), 400);
    assert.equal(e.message, "upstream up: Invalid value for 'temperature': must be <= 2");
    assert.equal(e.type, 'invalid_request_error');
    assert.equal(e.param, 'temperature');
    assert.equal(e.code, 'invalid_value');
  });

  test('upstream 500 → 500', async () => {
    const e = expectError(await post({ model: 'up/e500', messages: msg }), 500);
    assert.equal(e.message, 'upstream up: The upstream server had an error');
  });

  test('upstream HTML 502 page → 502 with a readable message', async () => {
    const e = expectError(await post({ model: 'up/html502', messages: msg }), 502);
    assert.ok(!/<html|<body|<center/i.test(e.message), `message should not be raw HTML: ${e.message}`);
    assert.ok(e.message.length < 1000, 'message should be short');
  });

  test('upstream drops the connection → 5xx JSON error', async () => {
    const r = await post({ model: 'up/drop', messages: msg });
    assert.ok(r.status === 502 || r.status === 503 || r.status === 504, `expected 502/503/504, got ${r.status}: ${r.text}`);
    openAiError(r.json);
  });

  test('streaming request to an unreachable upstream → 502 JSON, not a broken stream', async () => {
    const r = await post({ model: 'dead/gpt-test', messages: msg, stream: true });
    expectError(r, 502);
  });

  test('the gateway still serves after all the errors', async () => {
    const r = await post({ model: 'up/gpt-test', messages: msg });
    assert.equal(r.status, 200, `${r.text}\n${gw.logs()}`);
  });
});
