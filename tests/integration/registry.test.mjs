// The plugin registry end to end: a fresh data directory starts with only the
// default plugins; `gateos plugin install drivers.openai` (CLI -> admin API of
// the running kernel) makes a provider possible; an upgrade to a newer build,
// disable, enable and remove each show in the next request — no restart, and
// no failed request in the streams of requests running meanwhile.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startFakeUpstream } from './lib/fake_upstream.mjs';
import { startGateway, gateosBin, runGateos, pluginCli } from './lib/gateway.mjs';
import { request, waitFor } from './lib/client.mjs';

const run = promisify(execFile);
const buildDir = path.resolve(path.dirname(gateosBin), '..');
const registryTool = path.join(buildDir, 'bin', 'gateos-registry');
const publisherKey = path.join(buildDir, 'publisher', 'publisher.key');
const nextOpenai = path.join(buildDir, 'fixture-plugins', 'openai_next', 'drivers.openai');

/** Every stream still running: the suite's after() stops them, so a failed
 *  assertion in the middle of a test cannot leave a loop that keeps node alive. */
const runningStreams = new Set();

/** Sends requests one after another until stopped; counts answers by status. */
function requestStream(gw, model) {
  const stats = { ok: 0, failed: [], running: true };
  runningStreams.add(stats);
  const done = (async () => {
    while (stats.running) {
      const r = await request(gw.url('/v1/chat/completions'), {
        method: 'POST',
        key: gw.key,
        body: { model, messages: [{ role: 'user', content: 'ping' }] },
      }).catch((e) => ({ status: 0, text: e.message }));
      if (r.status === 200) stats.ok += 1;
      else stats.failed.push(`${r.status} ${r.text}`);
    }
  })();
  stats.stop = async () => {
    stats.running = false;
    runningStreams.delete(stats);
    await done;
    return stats;
  };
  return stats;
}

describe('plugin registry: install, upgrade, disable, remove in a running kernel', { timeout: 120000 }, () => {
  let up;
  let gw;
  let root;
  const cli = (...args) => pluginCli(gw.dataDir, args);
  const chat = (model = 'up/gpt-test') =>
    request(gw.url('/v1/chat/completions'), {
      method: 'POST',
      key: gw.key,
      body: { model, messages: [{ role: 'user', content: 'hello' }] },
    });
  const admin = (p, { method = 'GET', body } = {}) =>
    request(gw.url(`/admin/api/v1${p}`), { method, body, headers: { authorization: `Bearer ${gw.adminToken}` } });
  const installed = async () => Object.fromEntries((await cli('list'))[0].data.map((p) => [p.id, p]));

  before(async () => {
    up = await startFakeUpstream();
    root = await fsp.mkdtemp(path.join(os.tmpdir(), 'gateos-registry-it-'));
    gw = await startGateway({ plugins: 'defaults' });
  });
  after(async () => {
    await Promise.all([...runningStreams].map((s) => s.stop()));
    await gw?.stop();
    await up?.close();
    if (root) await fsp.rm(root, { recursive: true, force: true });
  });

  test('a fresh data directory has only the default plugins, from the trusted local registry', async () => {
    const list = await installed();
    assert.deepEqual(Object.keys(list).sort(), ['drivers.mock', 'integrations.aider', 'integrations.claude_code',
      'integrations.codex', 'integrations.continue', 'integrations.opencode', 'integrations.sdk',
      'stages.prompt_templates', 'stages.secret_redaction'], JSON.stringify(list));
    for (const p of Object.values(list)) assert.equal(p.state, 'active', JSON.stringify(p));
    const registries = (await runGateos(['registry', 'list', '--data-dir', gw.dataDir, '--json'])).stdout;
    assert.equal(JSON.parse(registries).data[0].location, path.join(buildDir, 'local-registry'));
    const search = (await cli('search', 'openai'))[0].data;
    assert.ok(search.some((p) => p.id === 'drivers.openai' && p.trusted && !p.installed), JSON.stringify(search));
    // Not installed: a provider using it is refused with the reason.
    const refused = await admin('/providers', {
      method: 'POST',
      body: { name: 'up', driver: 'drivers.openai', options: { base_url: up.baseUrl, models: ['gpt-test'] } },
    });
    assert.equal(refused.status, 409, refused.text);
    assert.match(refused.json.error.message, /driver drivers\.openai is not installed/);
  });

  test('install, add a provider, upgrade, disable, enable, remove: hot, with no failed request', async () => {
    const mockStream = requestStream(gw, 'mock/echo');

    const [result] = await cli('install', 'drivers.openai');
    assert.equal(result.changed, true, JSON.stringify(result));
    const v1 = result.version;
    assert.equal((await installed())['drivers.openai'].state, 'active');

    const added = await admin('/providers', {
      method: 'POST',
      body: { name: 'up', driver: 'drivers.openai', options: { base_url: up.baseUrl, models: ['gpt-test'] }, api_key: 'sk-up' },
    });
    assert.equal(added.status, 201, added.text);
    const first = await chat();
    assert.equal(first.status, 200, `${first.text}\n${gw.logs()}`);
    assert.equal(up.chatRequests().at(-1).headers.authorization, 'Bearer sk-up');

    // A newer build of the driver, packed and signed with the build's key into a registry of our own.
    const nextRegistry = path.join(root, 'next-registry');
    await run(registryTool, ['pack', nextOpenai, '--key', publisherKey, '--registry', nextRegistry]);
    const v2 = JSON.parse(fs.readFileSync(path.join(nextOpenai, 'plugin.json'), 'utf8')).version;
    assert.notEqual(v2, v1);
    await runGateos(['registry', 'add', 'next', nextRegistry, '--priority', '10', '--data-dir', gw.dataDir]);

    // Generous deadlines: under CI load a plugin generation swap plus three round trips can take seconds.
    const openaiStream = requestStream(gw, 'up/gpt-test');
    await waitFor(() => openaiStream.ok >= 3, { timeoutMs: 30000, what: 'requests through drivers.openai before the upgrade' });
    const [upgraded] = await cli('upgrade', 'drivers.openai');
    assert.equal(upgraded.message, `upgraded drivers.openai ${v1} -> ${v2}`);
    const okBefore = openaiStream.ok;
    await waitFor(() => openaiStream.ok >= okBefore + 3, { timeoutMs: 30000, what: 'requests through the upgraded driver' });
    const openaiStats = await openaiStream.stop();
    assert.deepEqual(openaiStats.failed, [], 'requests failed during the upgrade');
    const info = (await cli('info', 'drivers.openai'))[0];
    assert.equal(info.installed.version, v2);
    assert.equal((await installed())['drivers.openai'].state, 'active');
    assert.ok(fs.existsSync(path.join(gw.dataDir, 'plugins', 'drivers.openai', v2)));
    assert.ok(!fs.existsSync(path.join(gw.dataDir, 'plugins', 'drivers.openai', v1)), 'the old version folder is gone');
    assert.equal((await chat()).status, 200);

    await cli('disable', 'drivers.openai');
    const whileDisabled = await chat();
    assert.notEqual(whileDisabled.status, 200, 'a disabled driver still answered');
    assert.ok(whileDisabled.json?.error?.message, whileDisabled.text);
    assert.equal((await installed())['drivers.openai'].state, 'disabled');

    await cli('enable', 'drivers.openai');
    const reenabled = await chat();
    assert.equal(reenabled.status, 200, reenabled.text);

    await cli('remove', 'drivers.openai');
    const afterRemove = await chat();
    assert.notEqual(afterRemove.status, 200);
    assert.equal((await installed())['drivers.openai'], undefined);
    assert.ok(!fs.existsSync(path.join(gw.dataDir, 'plugins', 'drivers.openai')));

    const mockStats = await mockStream.stop();
    assert.ok(mockStats.ok > 0);
    assert.deepEqual(mockStats.failed, [], 'requests to mock/echo failed while plugins changed');
    assert.equal(gw.proc.exitCode, null, 'the kernel restarted or died');
  });
});
