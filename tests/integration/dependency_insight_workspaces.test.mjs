// stages.dependency_insight configured per workspace through the admin API
// (PUT /workspaces/{name}/pipeline/stages.dependency_insight {"settings": …}):
// installed but off by default, switched on for two workspaces that behave
// differently (ecosystems, severities, notice, block mode), settings checked
// against the plugin's schema, back to the inherited (off) state.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeUpstream } from './lib/fake_upstream.mjs';
import { startGateway, openaiProvider } from './lib/gateway.mjs';
import { request } from './lib/client.mjs';

const STAGE = 'stages.dependency_insight';
const MALICIOUS = 'huluquests'; // PyPI, every version (starter data)
const PROMPT = `pip install ${MALICIOUS} requests==2.19.0 && npm i @solana/web3.js@1.95.7`;
const ANSWER = 'Done.';

describe('dependency insight per workspace (admin API)', { timeout: 60000 }, () => {
  let up;
  let gw;
  before(async () => {
    up = await startFakeUpstream();
    // Installed with the others (--all) and not configured: scanning is off.
    gw = await startGateway({ config: { providers: { up: openaiProvider(up) } } });
    for (const name of ['alpha', 'beta']) {
      const r = await admin('POST', '/workspaces', { name });
      assert.equal(r.status, 201, r.text);
    }
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });
  beforeEach(() => up.reset());

  const admin = (method, p, body) =>
    request(gw.url(`/admin/api/v1${p}`), { method, body, headers: { authorization: `Bearer ${gw.adminToken}` } });
  const settings = (workspace, body) => admin('PUT', `/workspaces/${workspace}/pipeline/${STAGE}`, body);
  /** One whole OpenAI chat call in `workspace`: {status, content, json}. */
  async function ask(workspace, content = PROMPT) {
    up.next({ type: 'json', body: completion(ANSWER) });
    const r = await request(gw.url('/v1/chat/completions'), {
      method: 'POST', key: gw.key, headers: { 'x-gateos-workspace': workspace },
      body: { model: 'up/gpt-test', messages: [{ role: 'user', content }] },
    });
    return { status: r.status, json: r.json, text: r.text, content: r.json?.choices?.[0]?.message?.content };
  }

  test('off by default: the stage is active in every workspace but says nothing', async () => {
    const pipeline = await admin('GET', '/workspaces/default/pipeline');
    assert.equal(pipeline.status, 200, pipeline.text);
    const stage = pipeline.json.stages.find((s) => s.id === STAGE);
    assert.ok(stage, `${STAGE} not in ${pipeline.text}`);
    assert.equal(stage.settings, null);
    // The UI renders the per-workspace form from this schema.
    assert.deepEqual(Object.keys(stage.settings_schema.properties).sort(),
      ['ecosystems', 'enabled', 'mode', 'notice', 'scan_answers', 'scan_requests', 'severities']);
    for (const ws of ['default', 'alpha', 'beta']) {
      const r = await ask(ws);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.content, ANSWER, `${ws}: ${r.content}`);
    }
  });

  test('two workspaces switched on with different settings behave differently', async () => {
    const a = await settings('alpha', { settings: { enabled: true, severities: ['malicious'] } });
    assert.equal(a.status, 200, a.text);
    assert.deepEqual(a.json.stages.find((s) => s.id === STAGE).settings, { enabled: true, severities: ['malicious'] });
    const b = await settings('beta', { settings: { enabled: true, mode: 'block', ecosystems: ['npm'] } });
    assert.equal(b.status, 200, b.text);

    // alpha: malicious findings only (the vulnerable requests pin is not reported).
    const inAlpha = await ask('alpha');
    assert.equal(inAlpha.status, 200, inAlpha.text);
    assert.match(inAlpha.content, new RegExp(`PyPI package \`${MALICIOUS}\` is malicious`));
    assert.match(inAlpha.content, /npm package `@solana\/web3\.js` 1\.95\.7/);
    assert.doesNotMatch(inAlpha.content, /requests/);
    assert.ok(inAlpha.content.endsWith(ANSWER), inAlpha.content);

    // beta: npm only, in block mode. The PyPI package is not checked, so it is
    // not blocked; the npm release listed as malicious is.
    const blocked = await ask('beta');
    assert.equal(blocked.status, 403, blocked.text);
    assert.match(blocked.json.error.message, /malicious package \(npm @solana\/web3\.js\)/);
    const pypiOnly = await ask('beta', `pip install ${MALICIOUS} requests==2.19.0`);
    assert.equal(pypiOnly.status, 200, pypiOnly.text);
    assert.equal(pypiOnly.content, ANSWER);

    // default: still off.
    assert.equal((await ask('default')).content, ANSWER);
  });

  test('notice off: the answer is untouched while the request is still scanned', async () => {
    const r = await settings('alpha', { settings: { enabled: true, notice: false } });
    assert.equal(r.status, 200, r.text);
    const before = await findingsCount();
    const answer = await ask('alpha');
    assert.equal(answer.content, ANSWER);
    assert.ok((await findingsCount()) > before, 'findings were counted');
  });

  test('settings are checked against the plugin schema; a bad one changes nothing', async () => {
    const bad = await settings('alpha', { settings: { enabled: true, severities: ['spooky'] } });
    assert.equal(bad.status, 400, bad.text);
    assert.match(bad.json.error.message, /severities/);
    const unknown = await settings('alpha', { settings: { refresh_seconds: 1 } });
    assert.equal(unknown.status, 400, unknown.text);
    const pipeline = await admin('GET', '/workspaces/alpha/pipeline');
    assert.deepEqual(pipeline.json.stages.find((s) => s.id === STAGE).settings, { enabled: true, notice: false });
  });

  test('settings null: the workspace inherits the top level again (off)', async () => {
    const r = await settings('beta', { settings: null });
    assert.equal(r.status, 200, r.text);
    const answer = await ask('beta');
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.content, ANSWER);
  });

  async function findingsCount() {
    const m = await request(gw.url('/metrics'));
    let total = 0;
    for (const [, n] of m.text.matchAll(/^gateos_plugin_dependency_findings_total\{[^}]*\}\s+(\d+)/gm)) total += Number(n);
    return total;
  }
});

function completion(content) {
  return {
    id: 'chatcmpl-ws', object: 'chat.completion', created: 1, model: 'gpt-test',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
  };
}
