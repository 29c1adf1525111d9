// Bad input through the CLI, offline and against a running kernel: a clear
// error, a non-zero exit, and the database and the plugins folder exactly as
// they were. (Every bad input is also covered one by one, at the library level,
// in tests/unit/core/package_install_bad_input_test.cpp.)
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startGateway, gateosBin, runGateos, createKeyCli } from './lib/gateway.mjs';
import { getClosedPort } from './lib/fake_upstream.mjs';

const run = promisify(execFile);
const buildDir = path.resolve(path.dirname(gateosBin), '..');
const registryTool = path.join(buildDir, 'bin', 'gateos-registry');
const publisherKey = path.join(buildDir, 'publisher', 'publisher.key');

/** Runs gateos expecting failure; resolves {code, stderr}. */
async function gateosFails(args) {
  try {
    const { stdout } = await runGateos(args);
    assert.fail(`gateos ${args.join(' ')} succeeded: ${stdout}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    const m = /failed \((\d+)\)/.exec(e.message);
    return { code: m ? Number(m[1]) : -1, message: e.message };
  }
}

/** sha256 of every file under dir (relative path -> digest); symlinks and folders included. */
async function tree(dir) {
  const out = {};
  const walk = async (d) => {
    for (const e of await fsp.readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isDirectory()) {
        out[rel] = 'dir';
        await walk(p);
      } else if (e.isSymbolicLink()) {
        out[rel] = `-> ${await fsp.readlink(p)}`;
      } else {
        out[rel] = crypto.createHash('sha256').update(await fsp.readFile(p)).digest('hex');
      }
    }
  };
  await walk(dir);
  return out;
}

async function dataState(dataDir, { withDatabaseFile }) {
  const state = { plugins: await tree(path.join(dataDir, 'plugins')) };
  if (withDatabaseFile) {
    state.db = crypto.createHash('sha256').update(await fsp.readFile(path.join(dataDir, 'gateos.db'))).digest('hex');
  }
  return state;
}

describe('registry bad input through the CLI', { timeout: 120000 }, () => {
  let root;
  let garbage;
  before(async () => {
    root = await fsp.mkdtemp(path.join(os.tmpdir(), 'gateos-registry-err-'));
    garbage = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"format": 1, "packages": [ this is not json');
    });
    await new Promise((r) => garbage.listen(0, '127.0.0.1', r));
  });
  after(async () => {
    garbage?.close();
    if (root) await fsp.rm(root, { recursive: true, force: true });
  });

  const freshDataDir = async (name) => {
    const dir = path.join(root, name);
    await createKeyCli(dir);
    return dir;
  };

  test('offline: unknown package, unsigned package, unreachable and garbage registries leave everything as it was', async () => {
    const dir = await freshDataDir('offline');
    await runGateos(['plugin', 'install', 'drivers.mock', '--data-dir', dir]);

    // An unsigned build of drivers.openai, in a registry of higher priority.
    const unsigned = path.join(root, 'unsigned-registry');
    await run(registryTool, ['pack', path.join(buildDir, 'plugins', 'drivers.openai'), '--unsigned', '--registry', unsigned]);
    await runGateos(['registry', 'add', 'unsigned', unsigned, '--priority', '10', '--data-dir', dir]);
    const deadPort = await getClosedPort();
    const before = await dataState(dir, { withDatabaseFile: true });

    let r = await gateosFails(['plugin', 'install', 'drivers.nonexistent', '--data-dir', dir]);
    assert.equal(r.code, 1);
    assert.match(r.message, /no package drivers\.nonexistent in any registry/);
    assert.deepEqual(await dataState(dir, { withDatabaseFile: true }), before);

    r = await gateosFails(['plugin', 'install', 'drivers.openai', '--data-dir', dir]);
    assert.match(r.message, /package is unsigned/);
    assert.deepEqual(await dataState(dir, { withDatabaseFile: true }), before);

    await runGateos(['registry', 'add', 'dead', `http://127.0.0.1:${deadPort}`, '--priority', '20', '--data-dir', dir]);
    const beforeDead = await dataState(dir, { withDatabaseFile: true });
    r = await gateosFails(['plugin', 'install', 'drivers.openai', '--data-dir', dir]);
    assert.match(r.message, new RegExp(`registry http://127\\.0\\.0\\.1:${deadPort}: `));
    assert.deepEqual(await dataState(dir, { withDatabaseFile: true }), beforeDead);
    await runGateos(['registry', 'remove', 'dead', '--data-dir', dir]);

    const garbageUrl = `http://127.0.0.1:${garbage.address().port}`;
    await runGateos(['registry', 'add', 'garbage', garbageUrl, '--priority', '20', '--data-dir', dir]);
    r = await gateosFails(['plugin', 'install', 'drivers.openai', '--data-dir', dir]);
    assert.match(r.message, /index\.json: invalid JSON/);
    assert.deepEqual(await dataState(dir, { withDatabaseFile: true }), beforeDead);
    await runGateos(['registry', 'remove', 'garbage', '--data-dir', dir]);

    // Allowed explicitly, for this install only.
    await runGateos(['plugin', 'install', 'drivers.openai', '--allow-unsigned', '--data-dir', dir]);
    assert.ok(fs.existsSync(path.join(dir, 'plugins', 'drivers.openai')));

    r = await gateosFails(['plugin', 'frobnicate', '--data-dir', dir]);
    assert.equal(r.code, 2);
  });

  test('running kernel: a plugin failing in configure is rolled back, the kernel keeps serving', async () => {
    const gw = await startGateway({ plugins: 'defaults' });
    try {
      const failing = path.join(buildDir, 'fixture-plugins', 'drivers.throws_in_configure');
      const own = path.join(root, 'fixture-registry');
      await run(registryTool, ['pack', failing, '--key', publisherKey, '--registry', own]);
      await runGateos(['registry', 'add', 'fixtures', own, '--data-dir', gw.dataDir]);
      const listBefore = (await runGateos(['plugin', 'list', '--json', '--data-dir', gw.dataDir])).stdout;
      const before = await dataState(gw.dataDir, { withDatabaseFile: false });

      const r = await gateosFails(['plugin', 'install', 'drivers.throws_in_configure', '--data-dir', gw.dataDir]);
      assert.equal(r.code, 1);
      assert.match(r.message, /install drivers\.throws_in_configure 1\.0\.0: drivers\.throws_in_configure: configure/);
      assert.deepEqual(await dataState(gw.dataDir, { withDatabaseFile: false }), before);
      assert.equal((await runGateos(['plugin', 'list', '--json', '--data-dir', gw.dataDir])).stdout, listBefore);

      const health = await fetch(gw.url('/healthz'));
      assert.equal(health.status, 200);
      assert.equal(gw.proc.exitCode, null);
    } finally {
      await gw.stop();
    }
  });
});
