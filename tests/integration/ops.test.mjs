// Operations: health, metrics, admin API (providers, keys), graceful shutdown.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import { startFakeUpstream, expectedStreamText } from './lib/fake_upstream.mjs';
import { startGateway, openaiProvider, listFiles } from './lib/gateway.mjs';
import { request, sseEvents, summarizeChatStream, startChatStream, withTimeout, waitFor, openAiError } from './lib/client.mjs';

const msg = [{ role: 'user', content: 'ops' }];

/** Finds the first string value in obj (depth-first) matching re. */
function findString(obj, re) {
  if (typeof obj === 'string') return re.test(obj) ? obj : undefined;
  if (obj && typeof obj === 'object') {
    for (const v of Object.values(obj)) {
      const f = findString(v, re);
      if (f) return f;
    }
  }
  return undefined;
}

describe('health and metrics', { timeout: 30000 }, () => {
  let gw;
  before(async () => {
    gw = await startGateway({ config: {} });
  });
  after(async () => {
    await gw?.stop();
  });

  test('/healthz → 200 {"status":"ok"} and /readyz → 200', async () => {
    const h = await request(gw.url('/healthz'));
    assert.equal(h.status, 200, h.text);
    assert.deepEqual(h.json, { status: 'ok' });
    const r = await request(gw.url('/readyz'));
    assert.equal(r.status, 200, r.text);
  });

  test('/metrics exposes gateos_requests_total after a request', async () => {
    const c = await request(gw.url('/v1/chat/completions'), { method: 'POST', key: gw.key, body: { model: 'mock/echo', messages: msg } });
    assert.equal(c.status, 200, c.text);
    const m = await request(gw.url('/metrics'));
    assert.equal(m.status, 200, m.text);
    assert.match(m.headers.get('content-type') ?? '', /text\/plain/);
    assert.match(m.text, /^gateos_requests_total\{[^}]*\}\s+[1-9]/m, `metrics:\n${m.text.slice(0, 3000)}`);
    assert.match(m.text, /gateos_request_duration_seconds/);
    assert.match(m.text, /gateos_inflight_requests/);
    assert.match(m.text, /gateos_active_streams/);
  });
});

describe('admin API', { timeout: 60000 }, () => {
  const secondSecret = 'sk-second-SECRET-7f3a9c1e';
  let up;
  let up2;
  let gw;
  const admin = (method, p, body, token) =>
    request(gw.url(`/admin/api/v1${p}`), { method, body, headers: { authorization: `Bearer ${token ?? gw.adminToken}` } });

  before(async () => {
    up = await startFakeUpstream();
    up2 = await startFakeUpstream();
    up2.models = ['other-model'];
    gw = await startGateway({ config: { providers: { up: openaiProvider(up) } } });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
    await up2?.close();
  });
  beforeEach(() => {
    up.reset();
    up2.reset();
  });

  test('401 without or with a wrong admin token', async () => {
    const none = await request(gw.url('/admin/api/v1/status'));
    assert.equal(none.status, 401, none.text);
    const wrong = await admin('GET', '/status', undefined, 'gadm_wrong');
    assert.equal(wrong.status, 401, wrong.text);
    const gatewayKey = await admin('GET', '/providers', undefined, gw.key);
    assert.equal(gatewayKey.status, 401, `a gateway key must not open the admin API: ${gatewayKey.text}`);
    const ok = await admin('GET', '/status');
    assert.equal(ok.status, 200, ok.text);
  });

  test('a provider added at runtime serves the next request; its key is never returned nor stored in plain text', async () => {
    const add = await admin('POST', '/providers', {
      name: 'second',
      driver: 'drivers.openai',
      options: { base_url: up2.baseUrl, models: ['other-model'] },
      api_key: secondSecret,
    });
    assert.ok(add.status === 200 || add.status === 201, `POST /providers: ${add.status} ${add.text}`);
    assert.ok(!add.text.includes(secondSecret), `POST response leaks the api_key: ${add.text}`);

    const r = await request(gw.url('/v1/chat/completions'), {
      method: 'POST',
      key: gw.key,
      body: { model: 'second/other-model', messages: [{ role: 'user', content: 'to second' }] },
    });
    assert.equal(r.status, 200, `${r.text}\n${gw.logs()}`);
    assert.equal(r.json.choices[0].message.content, 'upstream answer to: to second');
    assert.equal(up.chatRequests().length, 0, 'the first upstream must not get it');
    const seen = up2.chatRequests();
    assert.equal(seen.length, 1);
    assert.equal(seen[0].body.model, 'other-model');
    assert.equal(seen[0].headers.authorization, `Bearer ${secondSecret}`);

    const list = await admin('GET', '/providers');
    assert.equal(list.status, 200, list.text);
    assert.ok(list.text.includes('second'), `GET /providers does not list "second": ${list.text}`);
    assert.ok(!list.text.includes(secondSecret), `GET /providers leaks the api_key: ${list.text}`);
    assert.ok(!list.text.includes('sk-upstream-secret'), `GET /providers leaks the config api_key: ${list.text}`);
    const one = await admin('GET', '/providers/second');
    assert.equal(one.status, 200, one.text);
    assert.ok(!one.text.includes(secondSecret), `GET /providers/second leaks the api_key: ${one.text}`);
    assert.equal(findString(one.json, /^sk-/), undefined, `GET /providers/second shows a key: ${one.text}`);
    assert.equal(JSON.stringify(one.json).includes('"has_credential":true'), true, `has_credential: true expected: ${one.text}`);

    const leaks = [];
    for (const f of await listFiles(gw.dataDir)) {
      const bytes = await fsp.readFile(f);
      for (const secret of [secondSecret, 'sk-upstream-secret']) {
        if (bytes.includes(Buffer.from(secret))) leaks.push(`${f} contains ${secret}`);
      }
    }
    assert.deepEqual(leaks, [], 'provider keys must be encrypted at rest');
    assert.ok(!gw.output.stdout.includes(secondSecret) && !gw.output.stderr.includes(secondSecret), 'the api_key appears in the gateway log');
  });

  test('a key created via the admin API works at once; DELETE revokes it', async () => {
    const created = await admin('POST', '/keys', { name: 'runtime-key' });
    assert.ok(created.status === 200 || created.status === 201, `POST /keys: ${created.status} ${created.text}`);
    const key = findString(created.json, /^gsk_/);
    const id = created.json?.id ?? findString(created.json, /^key_/);
    assert.ok(key, `no gsk_ key in ${created.text}`);
    assert.ok(id, `no key id in ${created.text}`);

    const chat = () =>
      request(gw.url('/v1/chat/completions'), { method: 'POST', key, body: { model: 'mock/echo', messages: msg } });
    const ok = await chat();
    assert.equal(ok.status, 200, ok.text);

    const keys = await admin('GET', '/keys');
    assert.equal(keys.status, 200, keys.text);
    assert.ok(keys.text.includes(id), `GET /keys does not list ${id}: ${keys.text}`);
    assert.ok(!keys.text.includes(key), `GET /keys shows the full key: ${keys.text}`);

    const del = await admin('DELETE', `/keys/${encodeURIComponent(id)}`);
    assert.ok(del.status === 200 || del.status === 204, `DELETE /keys/${id}: ${del.status} ${del.text}`);
    const revoked = await chat();
    assert.equal(revoked.status, 401, `revoked key still accepted: ${revoked.text}`);
    openAiError(revoked.json);

    const still = await request(gw.url('/v1/chat/completions'), { method: 'POST', key: gw.key, body: { model: 'mock/echo', messages: msg } });
    assert.equal(still.status, 200, 'other keys keep working');
  });
});

describe('graceful shutdown', { timeout: 60000 }, () => {
  let up;
  let gw;
  before(async () => {
    up = await startFakeUpstream();
    gw = await startGateway({ config: { server: { drain_timeout_ms: 10000 }, providers: { up: openaiProvider(up) } } });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });

  test('SIGTERM: not ready any more, the in-flight stream completes, exit code 0', async () => {
    const held = up.next({ type: 'stream', chunks: 4, holdAfterFirstChunk: true });
    const body = { model: 'up/gpt-test', messages: [{ role: 'user', content: 'drain' }] };
    try {
      const res = await withTimeout(startChatStream(gw.baseUrl, gw.key, body), 10000, 'stream headers');
      assert.equal(res.status, 200);
      const it = sseEvents(res.body)[Symbol.asyncIterator]();
      const first = await withTimeout(it.next(), 5000, 'first event');
      assert.equal(first.done, false);

      gw.proc.kill('SIGTERM');
      const seen = await waitFor(
        async () => {
          try {
            const r = await fetch(gw.url('/readyz'), { signal: AbortSignal.timeout(1000) });
            await r.arrayBuffer();
            return r.status === 503 ? 'readyz 503' : false;
          } catch {
            return 'not accepting';
          }
        },
        { timeoutMs: 5000, what: '/readyz to answer 503 or the listener to close after SIGTERM' },
      );
      assert.ok(seen);
      assert.equal(gw.proc.exitCode, null, 'the process must wait for the in-flight stream');

      held.release();
      const events = [first.value];
      for (let n = await withTimeout(it.next(), 10000, 'event'); !n.done; n = await withTimeout(it.next(), 10000, 'event')) {
        events.push(n.value);
      }
      const s = summarizeChatStream(events);
      assert.equal(s.content, expectedStreamText(4, body));
      assert.ok(s.done, 'the drained stream must end with [DONE]');

      const { code, signal } = await withTimeout(gw.exited, 10000, 'the gateway to exit after draining');
      assert.equal(signal, null, `killed by ${signal}\n${gw.logs()}`);
      assert.equal(code, 0, `exit code ${code}\n${gw.logs()}`);
    } finally {
      held.release();
    }
  });
});
