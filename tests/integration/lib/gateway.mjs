// Starts the real `gateos` binary on 127.0.0.1:0 with a temp data dir and a given config.
//
//   const gw = await startGateway({config, env});
//   gw.baseUrl, gw.key, gw.keyId, gw.adminToken, gw.dataDir, gw.proc, await gw.stop()
//
// GATEOS_BIN overrides the binary (default <repo>/build/bin/gateos).
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');
export const gateosBin = process.env.GATEOS_BIN
  ? path.resolve(process.env.GATEOS_BIN)
  : path.join(repoRoot, 'build', 'bin', 'gateos');

const kStartTimeoutMs = 20000;
const kStopTimeoutMs = 15000;

// Safety net: never leave a gateway running when the test process exits abnormally.
const live = new Set();
process.on('exit', () => {
  for (const p of live) {
    try {
      p.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

export function binaryAvailable() {
  try {
    fs.accessSync(gateosBin, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}


/** Runs a gateos CLI command; resolves {stdout, stderr}, rejects with both on failure. */
export function runGateos(args, { env, timeoutMs = 20000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      gateosBin,
      args,
      { env: { ...process.env, ...(env ?? {}) }, timeout: timeoutMs, maxBuffer: 4 << 20 },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`gateos ${args.join(' ')} failed (${err.code ?? err.signal}): ${err.message}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}

/** `gateos key create --json` on a data dir; resolves {id, key, name}. */
export async function createKeyCli(dataDir, { name, env } = {}) {
  const args = ['key', 'create', '--data-dir', dataDir, '--json'];
  if (name) args.push('--name', name);
  const { stdout, stderr } = await runGateos(args, { env });
  const lines = stdout.trim().split('\n').filter((l) => l.trim().length);
  const last = lines[lines.length - 1] ?? '';
  let parsed;
  try {
    parsed = JSON.parse(last);
  } catch {
    throw new Error(`gateos key create --json: last stdout line is not JSON: ${JSON.stringify(last)}\nstderr:\n${stderr}`);
  }
  if (typeof parsed.key !== 'string' || !parsed.key.startsWith('gsk_')) {
    throw new Error(`gateos key create --json: no gsk_ key in ${last}`);
  }
  return parsed;
}

function defaultConfig(config) {
  const c = structuredClone(config ?? {});
  c.server = { drain_timeout_ms: 2000, threads: 2, ...(c.server ?? {}) };
  c.log = { level: 'info', ...(c.log ?? {}) };
  return c;
}

/** `gateos plugin <args> --data-dir dir --json`; resolves the parsed JSON answer. */
export async function pluginCli(dataDir, args, { env } = {}) {
  const { stdout } = await runGateos(['plugin', ...args, '--data-dir', dataDir, '--json'], { env });
  const lines = stdout.trim().split('\n').filter((l) => l.trim().length);
  return lines.map((l) => JSON.parse(l));
}

/**
 * Starts `gateos serve`. options:
 *   config   config object (written to a temp file outside the data dir)
 *   env      extra environment variables for the gateway
 *   dataDir  use this data dir instead of a new temp one (it is then not removed by stop())
 *   plugins  'all' (default): every plugin of the build's local registry is installed
 *            (offline, `gateos plugin install --all`) before the start;
 *            'defaults': only what a fresh data directory gets (drivers.mock,
 *            stages.secret_redaction), installed by the kernel itself
 */
export async function startGateway({ config, env, dataDir, plugins = 'all' } = {}) {
  if (!binaryAvailable()) {
    throw new Error(`gateos binary not found or not executable at ${gateosBin} (build it, or set GATEOS_BIN)`);
  }
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'gateos-it-'));
  const ownDataDir = !dataDir;
  const dir = dataDir ?? path.join(root, 'data');
  const configPath = path.join(root, 'config.json');
  const fullEnv = { ...process.env, ...(env ?? {}) };
  const out = { stdout: '', stderr: '' };
  let proc;
  let exited;

  const cleanupDirs = async () => {
    await fsp.rm(root, { recursive: true, force: true });
  };

  try {
    const created = await createKeyCli(dir, { env, name: 'it-default' });
    if (plugins === 'all') await runGateos(['plugin', 'install', '--all', '--data-dir', dir], { env });
    else if (plugins !== 'defaults') throw new Error(`startGateway: plugins must be 'all' or 'defaults', not ${plugins}`);
    await fsp.writeFile(configPath, JSON.stringify(defaultConfig(config), null, 2));

    proc = spawn(gateosBin, ['serve', '--data-dir', dir, '--config', configPath, '--listen', '127.0.0.1:0'], {
      env: fullEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(proc);
    exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        live.delete(proc);
        resolve({ code, signal });
      });
    });
    proc.stdout.setEncoding('utf8');
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (d) => {
      out.stderr += d;
    });

    const baseUrl = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`gateos serve did not print "GateOS listening on" within ${kStartTimeoutMs} ms\nstdout:\n${out.stdout}\nstderr:\n${out.stderr}`)),
        kStartTimeoutMs,
      );
      proc.stdout.on('data', (d) => {
        out.stdout += d;
        const m = /GateOS listening on (http:\/\/\S+)/.exec(out.stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1].replace(/\/+$/, ''));
        }
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`gateos serve exited early (code ${code}, signal ${signal})\nstdout:\n${out.stdout}\nstderr:\n${out.stderr}`));
      });
      proc.once('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`cannot spawn ${gateosBin}: ${e.message}`));
      });
    });

    const adminToken = (await fsp.readFile(path.join(dir, 'admin.token'), 'utf8')).trim();

    let stopped;
    const gw = {
      baseUrl,
      key: created.key,
      keyId: created.id,
      adminToken,
      dataDir: dir,
      configPath,
      proc,
      output: out,
      exited,
      /** Diagnostics to append to assertion messages. */
      logs: () => `--- gateos stdout ---\n${out.stdout}\n--- gateos stderr ---\n${out.stderr}`,
      /** SIGTERM, wait for exit (SIGKILL after a timeout), remove temp dirs. Resolves {code, signal}. */
      stop: () => {
        stopped ??= (async () => {
          let result;
          if (proc.exitCode === null && proc.signalCode === null) {
            proc.kill('SIGTERM');
            let timer;
            const killed = new Promise((resolve) => {
              timer = setTimeout(() => {
                proc.kill('SIGKILL');
                resolve();
              }, kStopTimeoutMs);
            });
            await Promise.race([exited, killed]);
            clearTimeout(timer);
          }
          result = await exited;
          if (ownDataDir) await cleanupDirs();
          else await fsp.rm(configPath, { force: true });
          return result;
        })();
        return stopped;
      },
      url: (p) => `${baseUrl}${p}`,
    };
    return gw;
  } catch (e) {
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL');
      await exited;
    }
    await cleanupDirs();
    throw e;
  }
}

/** Config fragment for an drivers.openai provider pointing at a fake upstream. */
export function openaiProvider(upstream, { models = ['gpt-test'], apiKey = 'sk-upstream-secret', timeouts, baseUrl } = {}) {
  const options = { base_url: baseUrl ?? upstream.baseUrl, models };
  if (timeouts) options.timeouts = timeouts;
  const p = { driver: 'drivers.openai', options };
  if (apiKey !== null) p.api_key = apiKey;
  return p;
}

/** Recursively lists regular files under dir. */
export async function listFiles(dir) {
  const out = [];
  for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}
