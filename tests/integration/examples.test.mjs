// examples/hello_stage end to end: publish.sh builds the example plugin out of
// tree against the SDK, packs and signs it into a folder registry; a fresh data
// directory adds that registry and trusts the key, `gateos plugin install
// stages.hello_header` loads it into the running kernel, and the next request
// that carries x-gateos-hello gets the plugin's greeting ahead of the answer.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { startGateway, gateosBin, runGateos, pluginCli, repoRoot } from './lib/gateway.mjs';
import { request } from './lib/client.mjs';

const run = promisify(execFile);
const buildDir = path.resolve(path.dirname(gateosBin), '..');
const registryTool = path.join(buildDir, 'bin', 'gateos-registry');
const publishScript = path.join(repoRoot, 'examples', 'hello_stage', 'publish.sh');

function missingBuildTools() {
  for (const tool of ['cmake', 'c++']) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
    } catch {
      return `examples.test.mjs skipped: ${tool} is not installed (needed to build examples/hello_stage out of tree)`;
    }
  }
  return false;
}

// The plugin must carry the gateos binary's build signature: a sanitized build
// needs a sanitized plugin.
function sanitizedBuild() {
  try {
    return /^GATEOS_SANITIZE:BOOL=ON$/m.test(fs.readFileSync(path.join(buildDir, 'CMakeCache.txt'), 'utf8'));
  } catch {
    return false;
  }
}

const skip = missingBuildTools();
if (skip) console.log(skip);

describe('examples/hello_stage: publish out of tree, install, see it act', { skip, timeout: 600000 }, () => {
  let root;
  let gw;
  const chat = (headers = {}) =>
    request(gw.url('/v1/chat/completions'), {
      method: 'POST',
      key: gw.key,
      headers,
      body: { model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] },
    });

  before(async () => {
    root = await fsp.mkdtemp(path.join(os.tmpdir(), 'gateos-examples-it-'));
    gw = await startGateway({ plugins: 'defaults' });
  });
  after(async () => {
    await gw?.stop();
    if (root) await fsp.rm(root, { recursive: true, force: true });
  });

  test('publish.sh writes a signed package and index.json into a folder registry', { timeout: 540000 }, async () => {
    const env = { ...process.env, GATEOS_REGISTRY_TOOL: registryTool, BUILD_DIR: path.join(root, 'build') };
    if (sanitizedBuild()) env.CMAKE_ARGS = '-DGATEOS_SANITIZE=ON';
    await run(publishScript, [path.join(root, 'registry'), path.join(root, 'publisher')], { env, timeout: 530000 });
    const index = JSON.parse(fs.readFileSync(path.join(root, 'registry', 'index.json'), 'utf8'));
    const entry = (index.packages ?? []).find((p) => p.id === 'stages.hello_header');
    assert.ok(entry, JSON.stringify(index));
    assert.equal(entry.version, '1.0.0');
    assert.ok(entry.signature, 'the package is signed');
    assert.ok(fs.existsSync(path.join(root, 'publisher', 'publisher.pub')));
  });

  test('a fresh data directory installs it from that registry and the plugin greets on request', async () => {
    const before = await chat({ 'x-gateos-hello': 'World' });
    assert.equal(before.status, 200, before.text);
    assert.doesNotMatch(before.json.choices[0].message.content, /out-of-tree/, 'greeted before the install');

    await runGateos(['registry', 'add', 'examples', path.join(root, 'registry'), '--priority', '10', '--data-dir', gw.dataDir]);
    await runGateos(['trust', 'add', path.join(root, 'publisher', 'publisher.pub'), '--data-dir', gw.dataDir]);
    const [installed] = await pluginCli(gw.dataDir, ['install', 'stages.hello_header']);
    assert.equal(installed.changed, true, JSON.stringify(installed));

    const greeted = await chat({ 'x-gateos-hello': 'World' });
    assert.equal(greeted.status, 200, `${greeted.text}\n${gw.logs()}`);
    const content = greeted.json.choices[0].message.content;
    assert.ok(content.startsWith('> GateOS: Hello from an out-of-tree plugin, World\n\n'), content);

    const plain = await chat();
    assert.equal(plain.status, 200, plain.text);
    assert.doesNotMatch(plain.json.choices[0].message.content, /out-of-tree/, 'greeted without the header');
  });
});
