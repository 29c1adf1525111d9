// Web UI sign-in: POST /admin/api/v1/session sets an HttpOnly SameSite=Strict
// cookie and returns a CSRF token; the cookie alone reads, a change also needs
// the token; sign-out ends it. The bearer admin token keeps working for scripts.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway } from './lib/gateway.mjs';

const api = (gw, p) => gw.url('/admin/api/v1' + p);

async function signIn(gw) {
  const r = await fetch(api(gw, '/session'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: gw.adminToken }),
  });
  assert.equal(r.status, 200, await r.clone().text());
  const setCookie = r.headers.get('set-cookie');
  const body = await r.json();
  const cookie = /^gateos_session=([^;]+)/.exec(setCookie)?.[1];
  return { setCookie, cookie, csrf: body.csrf_token, body };
}

describe('admin session (web UI sign-in)', { timeout: 60000 }, () => {
  let gw;
  before(async () => {
    gw = await startGateway();
  });
  after(async () => {
    await gw?.stop();
  });

  test('signing in sets an HttpOnly, SameSite=Strict, Path=/ cookie and returns a CSRF token', async () => {
    const s = await signIn(gw);
    assert.match(s.setCookie, /HttpOnly/);
    assert.match(s.setCookie, /SameSite=Strict/);
    assert.match(s.setCookie, /Path=\//);
    assert.match(s.setCookie, /Max-Age=\d+/);
    assert.ok(s.cookie.length >= 40);
    assert.ok(typeof s.csrf === 'string' && s.csrf.length >= 40);
    assert.notEqual(s.cookie, s.csrf);
    assert.ok(!s.setCookie.includes(gw.adminToken), 'the admin token is not the cookie');
  });

  test('a wrong or missing token is refused without a cookie', async () => {
    for (const body of [{ token: 'gadm_wrong' }, {}, 'not json']) {
      const r = await fetch(api(gw, '/session'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      assert.ok(r.status === 401 || r.status === 400, `${JSON.stringify(body)} → ${r.status}`);
      assert.equal(r.headers.get('set-cookie'), null);
      const json = await r.json();
      assert.ok(json.error.message.length > 0);
    }
  });

  test('the session cookie reads; changes need the matching CSRF header', async () => {
    const s = await signIn(gw);
    const cookie = `gateos_session=${s.cookie}`;
    const status = await fetch(api(gw, '/status'), { headers: { cookie } });
    assert.equal(status.status, 200);

    const create = (headers) =>
      fetch(api(gw, '/keys'), { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body: JSON.stringify({ name: 'csrf-test' }) });
    const noCsrf = await create({});
    assert.equal(noCsrf.status, 403);
    assert.match((await noCsrf.json()).error.message, /csrf/i);
    const wrong = await create({ 'x-csrf-token': 'gcsrf_wrong' });
    assert.equal(wrong.status, 403);
    const crossSite = await create({ 'x-csrf-token': s.csrf, origin: 'http://evil.example' });
    assert.equal(crossSite.status, 403);
    const ok = await create({ 'x-csrf-token': s.csrf, origin: gw.baseUrl });
    assert.equal(ok.status, 201, await ok.clone().text());
    assert.match((await ok.json()).key, /^gsk_/);
  });

  test('GET /session returns the CSRF token again for a reloaded page', async () => {
    const s = await signIn(gw);
    const r = await fetch(api(gw, '/session'), { headers: { cookie: `gateos_session=${s.cookie}` } });
    assert.equal(r.status, 200);
    const body = await r.json();
    assert.equal(body.csrf_token, s.csrf);
    const none = await fetch(api(gw, '/session'));
    assert.equal(none.status, 401);
  });

  test('signing out clears the cookie and ends the session', async () => {
    const s = await signIn(gw);
    const cookie = `gateos_session=${s.cookie}`;
    const out = await fetch(api(gw, '/session'), { method: 'DELETE', headers: { cookie, 'x-csrf-token': s.csrf } });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie'), /gateos_session=;.*Max-Age=0/);
    const after = await fetch(api(gw, '/status'), { headers: { cookie } });
    assert.equal(after.status, 401);
    assert.match((await after.json()).error.message, /sign in/);
  });

  test('a forged or stale cookie is refused', async () => {
    const r = await fetch(api(gw, '/status'), { headers: { cookie: 'gateos_session=gses_forged' } });
    assert.equal(r.status, 401);
  });

  test('the bearer admin token works for every method without a CSRF token', async () => {
    const auth = { authorization: `Bearer ${gw.adminToken}` };
    assert.equal((await fetch(api(gw, '/status'), { headers: auth })).status, 200);
    const r = await fetch(api(gw, '/keys'), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'script' }),
    });
    assert.equal(r.status, 201);
    const wrong = await fetch(api(gw, '/status'), { headers: { authorization: 'Bearer gadm_wrong' } });
    assert.equal(wrong.status, 401);
  });
});

describe('admin read endpoints for the web UI', { timeout: 60000 }, () => {
  let gw;
  const auth = () => ({ authorization: `Bearer ${gw.adminToken}` });
  before(async () => {
    gw = await startGateway();
  });
  after(async () => {
    await gw?.stop();
  });

  const chat = (content) =>
    fetch(gw.url('/v1/chat/completions'), {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content }] }),
    });

  test('GET /stats counts requests and errors of the last hour and day', async () => {
    const before = await (await fetch(api(gw, '/stats'), { headers: auth() })).json();
    assert.equal((await chat('one')).status, 200);
    assert.equal((await chat('two')).status, 200);
    const bad = await fetch(gw.url('/v1/chat/completions'), { method: 'POST', headers: { authorization: 'Bearer gsk_wrong' }, body: '{}' });
    assert.equal(bad.status, 401);
    const s = await (await fetch(api(gw, '/stats'), { headers: auth() })).json();
    assert.equal(s.last_hour.requests - before.last_hour.requests, 3);
    assert.equal(s.last_hour.errors - before.last_hour.errors, 1);
    assert.ok(s.last_day.requests >= s.last_hour.requests);
    assert.equal(typeof s.active_streams, 'number');
    assert.equal(typeof s.uptime_seconds, 'number');
  });

  test('GET /alerts lists the security log with kind, workspace and time filters', async () => {
    const since = Date.now() - 1000;
    assert.equal((await chat('my key is AKIAZ7Q3VYT2MLKD4WQR')).status, 200);
    const all = await (await fetch(api(gw, `/alerts?since=${since}`), { headers: auth() })).json();
    const alert = all.data.find((a) => a.kind === 'secret_redacted');
    assert.ok(alert, JSON.stringify(all));
    assert.equal(alert.workspace, 'default');
    assert.ok(alert.ts >= since);
    assert.ok(!JSON.stringify(all).includes('AKIAZ7Q3VYT2MLKD4WQR'), 'the alert carries the secret');
    const byKind = await (await fetch(api(gw, '/alerts?kind=secret_redacted&workspace=default'), { headers: auth() })).json();
    assert.ok(byKind.data.length >= 1);
    assert.ok(byKind.data.every((a) => a.kind === 'secret_redacted'));
    const otherWs = await (await fetch(api(gw, '/alerts?workspace=elsewhere'), { headers: auth() })).json();
    assert.deepEqual(otherWs.data, []);
    const future = await (await fetch(api(gw, `/alerts?since=${Date.now() + 3600e3}`), { headers: auth() })).json();
    assert.deepEqual(future.data, []);
    const paged = await (await fetch(api(gw, '/alerts?limit=1'), { headers: auth() })).json();
    assert.equal(paged.data.length, 1);
  });

  test('GET /alerts refuses bad filters with the parameter named', async () => {
    for (const [q, name] of [['since=yesterday', 'since'], ['limit=0', 'limit'], ['limit=5000', 'limit'], ['before=-1', 'before']]) {
      const r = await fetch(api(gw, `/alerts?${q}`), { headers: auth() });
      assert.equal(r.status, 400, q);
      assert.match((await r.json()).error.message, new RegExp(`^${name}:`), q);
    }
  });
});
