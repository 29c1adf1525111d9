// A plugin's global settings through the admin API (the web UI's settings
// form): checked against the plugin's config_schema before anything changes,
// applied to the running plugin at once, kept across a restart, and a refused
// change leaves the old settings in place.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeUpstream } from './lib/fake_upstream.mjs';
import { startGateway, openaiProvider } from './lib/gateway.mjs';
import { request } from './lib/client.mjs';

const SECRET = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';

describe('plugin settings', { timeout: 60000 }, () => {
  let up;
  let gw;
  const admin = (method, p, body) =>
    request(gw.url(`/admin/api/v1${p}`), { method, body, headers: { authorization: `Bearer ${gw.adminToken}` } });
  const chat = () =>
    request(gw.url('/v1/chat/completions'), {
      method: 'POST',
      key: gw.key,
      body: { model: 'up/gpt-test', messages: [{ role: 'user', content: `my token is ${SECRET}` }] },
    });

  before(async () => {
    up = await startFakeUpstream();
    gw = await startGateway({ config: { providers: { up: openaiProvider(up) } } });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });

  test('GET returns the settings and the schema the form is built from', async () => {
    const r = await admin('GET', '/plugins/stages.secret_redaction/config');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.id, 'stages.secret_redaction');
    assert.equal(typeof r.json.config, 'object');
    assert.equal(r.json.config_schema.properties.mode.enum.includes('block'), true);
  });

  test('a valid change applies to the running plugin at once', async () => {
    up.next({ type: 'json' });
    assert.equal((await chat()).status, 200);
    const put = await admin('PUT', '/plugins/stages.secret_redaction/config', { mode: 'block' });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.json.changed, true);
    const blocked = await chat();
    assert.equal(blocked.status >= 400 && blocked.status < 500, true, blocked.text);
    assert.doesNotMatch(blocked.text, new RegExp(SECRET));
    const got = await admin('GET', '/plugins/stages.secret_redaction/config');
    assert.equal(got.json.config.mode, 'block');
  });

  test('a change the schema refuses names the field and changes nothing', async () => {
    const bad = await admin('PUT', '/plugins/stages.secret_redaction/config', { mode: 'shred' });
    assert.equal(bad.status, 400, bad.text);
    assert.match(bad.json.error.message, /mode/);
    const unknown = await admin('PUT', '/plugins/stages.secret_redaction/config', { mood: 'happy' });
    assert.equal(unknown.status, 400, unknown.text);
    const notObject = await admin('PUT', '/plugins/stages.secret_redaction/config', [1, 2]);
    assert.equal(notObject.status, 400, notObject.text);
    const got = await admin('GET', '/plugins/stages.secret_redaction/config');
    assert.equal(got.json.config.mode, 'block');
  });

  test('an unknown plugin is 404; the settings need the admin credential', async () => {
    const missing = await admin('PUT', '/plugins/stages.nothing_here/config', {});
    assert.equal(missing.status, 404, missing.text);
    const anonymous = await request(gw.url('/admin/api/v1/plugins/stages.secret_redaction/config'), {
      method: 'PUT', body: { mode: 'redact' },
    });
    assert.equal(anonymous.status, 401, anonymous.text);
  });

  test('back to redact: the request passes with a placeholder', async () => {
    const put = await admin('PUT', '/plugins/stages.secret_redaction/config', { mode: 'redact' });
    assert.equal(put.status, 200, put.text);
    up.next({ type: 'json' });
    assert.equal((await chat()).status, 200);
    const sent = JSON.stringify(up.chatRequests().at(-1).body);
    assert.doesNotMatch(sent, new RegExp(SECRET));
  });
});
