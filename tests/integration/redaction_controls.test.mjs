// stages.secret_redaction controls through the real gateway and its admin
// API: switched on/off per workspace and per key, block mode per workspace
// (error in the client's own format, naming kind and place, never the value;
// nothing reaches the upstream), the answer notice switched off for clients
// that cannot show it, security-log alerts (short hash, never the value) and
// the /metrics counters.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway } from './lib/gateway.mjs';
import { request, waitFor } from './lib/client.mjs';
import { startScriptedUpstream } from './lib/scripted_upstream.mjs';
import { echoHandler } from './lib/redaction_dialects.mjs';

const AWS_KEY = 'AKIAZ7Q3VYT2MLKD4WQR';
const STRIPE_KEY = 'sk_live_4eC39HqLyjWDarjtT1zdp7dcXa9Bq2';
const PROMPT = `aws_access_key_id = ${AWS_KEY}\nstripe: ${STRIPE_KEY}`;
const NOTICE = '> GateOS: GateOS kept 2 secrets from reaching the model';

describe('secret redaction controls', { timeout: 60000 }, () => {
  let up;
  let gw;
  let strictKey;
  const admin = (method, p, body) =>
    request(gw.url(`/admin/api/v1${p}`), { method, body, headers: { authorization: `Bearer ${gw.adminToken}` } });

  before(async () => {
    up = await startScriptedUpstream();
    gw = await startGateway({
      config: {
        providers: { up: { driver: 'drivers.openai', api_key: 'sk-up', options: { base_url: up.baseUrl, models: ['gpt-test'] } } },
        plugins: {
          'stages.secret_redaction': {
            notice: true,
            notice_off_clients: ['QuietClient', 'codex'],
          },
        },
      },
    });
    assert.equal((await admin('POST', '/workspaces', { name: 'strict' })).status, 201);
    const mode = await admin('PUT', '/workspaces/strict/pipeline/stages.secret_redaction', { settings: { mode: 'block' } });
    assert.equal(mode.status, 200, mode.text);
    strictKey = (await createKey('strict-key', 'strict')).key;
  });

  async function createKey(name, workspace) {
    const created = await admin('POST', '/keys', { name, workspace });
    assert.equal(created.status, 201, created.text);
    await waitFor(async () => (await request(gw.url('/v1/models'), { key: created.json.key })).status === 200, {
      what: 'the new key to be accepted', timeoutMs: 10000, intervalMs: 100,
    });
    return created.json;
  }
  after(async () => {
    await gw?.stop();
    await up?.close();
  });
  beforeEach(() => up.reset());

  const chat = (headers, key = gw.key) => {
    up.next(echoHandler({}));
    return request(gw.url('/v1/chat/completions'), {
      method: 'POST', key, headers,
      body: { model: 'up/gpt-test', messages: [{ role: 'user', content: PROMPT }] },
    });
  };

  test('the notice is shown to ordinary clients and not to clients listed by User-Agent', async () => {
    const shown = await chat({ 'user-agent': 'curl/8.5.0' });
    assert.equal(shown.status, 200, shown.text);
    const content = shown.json.choices[0].message.content;
    assert.ok(content.startsWith(NOTICE), content);
    assert.ok(content.endsWith(`Echo: ${PROMPT}`), 'secrets restored after the notice');

    const quiet = await chat({ 'user-agent': 'Mozilla/5.0 quietclient/2.3 (plugin)' });
    assert.equal(quiet.status, 200, quiet.text);
    assert.equal(quiet.json.choices[0].message.content, `Echo: ${PROMPT}`, 'no notice for a listed client');
    assert.ok(!up.requests[0].rawBody.includes(AWS_KEY), 'still redacted for a client without the notice');
  });

  test('block mode in a workspace: 403 in the client\'s format naming kind and place, never the value', async () => {
    up.next(echoHandler({}));
    const openai = await request(gw.url('/v1/chat/completions'), {
      method: 'POST', key: strictKey,
      body: { model: 'up/gpt-test', messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: PROMPT }] },
    });
    assert.equal(openai.status, 403, openai.text);
    assert.match(openai.json.error.message, /request blocked: 2 secrets \(aws_access_key, stripe_key\) found in messages\[1\]\.content/);
    assert.ok(!openai.text.includes(AWS_KEY) && !openai.text.includes(STRIPE_KEY), 'the error never holds the value');

    const anthropic = await request(gw.url('/v1/messages'), {
      method: 'POST',
      headers: { 'x-api-key': strictKey, 'anthropic-version': '2023-06-01' },
      body: { model: 'up/gpt-test', max_tokens: 10, messages: [{ role: 'user', content: PROMPT }] },
    });
    assert.equal(anthropic.status, 403, anthropic.text);
    assert.equal(anthropic.json.type, 'error');
    assert.equal(anthropic.json.error.type, 'permission_error');
    assert.match(anthropic.json.error.message, /aws_access_key, stripe_key\) found in messages\[0\]\.content/);
    assert.ok(!anthropic.text.includes(AWS_KEY));

    const ollama = await request(gw.url('/api/chat'), {
      method: 'POST', key: strictKey,
      body: { model: 'up/gpt-test', stream: false, messages: [{ role: 'user', content: PROMPT }] },
    });
    assert.equal(ollama.status, 403, ollama.text);
    assert.match(ollama.json.error, /request blocked: 2 secrets/);
    assert.equal(up.requests.length, 0, 'nothing reached the upstream');

    // The default workspace still redacts.
    up.reset();
    const other = await chat({});
    assert.equal(other.status, 200, other.text);
  });

  test('switched off and on per workspace and per key through the admin API', async () => {
    assert.equal((await admin('POST', '/workspaces', { name: 'lab' })).status, 201);
    const labKey = await createKey('lab-key', 'lab');
    const ciKey = await createKey('ci-key', 'lab');
    const reaches = async (key) => {
      up.reset();
      const r = await chat({}, key);
      assert.equal(r.status, 200, r.text);
      return up.requests[0].rawBody.includes(AWS_KEY);
    };
    assert.equal(await reaches(labKey.key), false, 'on by default in a new workspace');

    const off = await admin('PUT', '/workspaces/lab/pipeline/stages.secret_redaction', { enabled: false });
    assert.equal(off.status, 200, off.text);
    await waitFor(async () => reaches(labKey.key), { what: 'redaction off in lab', timeoutMs: 10000, intervalMs: 100 });
    assert.equal(await reaches(gw.key), false, 'still on in the default workspace');

    const perKey = await admin('PUT', '/workspaces/lab/pipeline/stages.secret_redaction', {
      enabled: true, settings: { keys: { [ciKey.id]: { enabled: false } } },
    });
    assert.equal(perKey.status, 200, perKey.text);
    await waitFor(async () => !(await reaches(labKey.key)), { what: 'redaction back on in lab', timeoutMs: 10000, intervalMs: 100 });
    assert.equal(await reaches(ciKey.key), true, 'off for the one key');
    assert.equal(await reaches(labKey.key), false, 'on for the other keys of the workspace');

    const bad = await admin('PUT', '/workspaces/lab/pipeline/stages.secret_redaction', { settings: { keys: { [ciKey.id]: { notice: 1 } } } });
    assert.equal(bad.status, 400, bad.text);
  });

  test('one security-log alert per request: detector, kind, place and a short hash, never the value', async () => {
    let alerts;
    await waitFor(async () => {
      const r = await admin('GET', '/alerts?kind=secret_redacted&limit=1000');
      alerts = r.json?.data ?? [];
      return alerts.length > 0;
    }, { what: 'secret_redacted alerts', timeoutMs: 10000, intervalMs: 100 });
    const text = JSON.stringify(alerts);
    assert.ok(!text.includes(AWS_KEY) && !text.includes(STRIPE_KEY), 'an alert holds a secret value');
    const a = alerts.find((x) => x.detail?.count === 2);
    assert.ok(a, text.slice(0, 1000));
    assert.equal(a.severity, 'warning');
    assert.match(a.message, /^2 secrets \(aws_access_key, stripe_key\) redacted in messages\[0\]\.content$/);
    const kinds = a.detail.findings.map((f) => f.kind).sort();
    assert.deepEqual(kinds, ['aws_access_key', 'stripe_key']);
    for (const f of a.detail.findings) {
      assert.match(f.hash, /^[0-9a-f]{8}$/);
      assert.equal(f.location, 'messages[0].content');
      assert.ok(f.detector && f.length > 0, JSON.stringify(f));
    }
    // The same secret always has the same short hash; different secrets differ.
    assert.notEqual(a.detail.findings[0].hash, a.detail.findings[1].hash);

    const blocked = (await admin('GET', '/alerts?kind=secret_blocked&workspace=strict')).json.data;
    assert.ok(blocked.length >= 1, 'block mode raises secret_blocked');
    assert.equal(blocked[0].severity, 'critical');
    assert.ok(!JSON.stringify(blocked).includes(AWS_KEY));
  });

  test('/metrics counts redacted secrets by kind and blocked requests', async () => {
    const m = await request(gw.url('/metrics'));
    assert.equal(m.status, 200);
    const value = (re) => Number((m.text.match(re) ?? [])[1] ?? 0);
    assert.ok(value(/^gateos_plugin_secrets_redacted_total\{[^}]*kind="aws_access_key"[^}]*\}\s+(\d+)/m) >= 2, m.text.slice(0, 2000));
    assert.ok(value(/^gateos_plugin_secrets_redacted_total\{[^}]*kind="stripe_key"[^}]*\}\s+(\d+)/m) >= 2);
    assert.ok(value(/^gateos_plugin_requests_blocked_total(?:\{[^}]*\})?\s+(\d+)/m) >= 3);
    assert.ok(!m.text.includes(AWS_KEY));
  });
});
