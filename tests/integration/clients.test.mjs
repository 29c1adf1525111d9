// Real client applications through GateOS (issue 7, and the real-client part
// of issue 3): `gateos connect <client>` against a temporary HOME, then the
// real client, installed from npm into tests/clients (`npm ci` there; make
// node-deps does it), runs non-interactively through the gateway to fake
// upstreams this test owns. Each completes a turn including one tool-call
// round trip; the request log names the client; `gateos disconnect` restores
// every config file byte for byte after an unrelated edit made in between.
// Codex also runs against an Anthropic upstream and Claude Code against an
// OpenAI upstream (cross-dialect). Nothing leaves 127.0.0.1: HOME is a temp
// folder, update checks and telemetry are off (../shared CLIENTS.md).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startGateway, runGateos, repoRoot } from './lib/gateway.mjs';
import { request, waitFor } from './lib/client.mjs';
import { startAgentUpstream, kDoneText } from './lib/agent_upstream.mjs';

const modules = path.join(repoRoot, 'tests', 'clients', 'node_modules');
const bins = {
  codex: path.join(modules, '.bin', 'codex'),
  claude: path.join(modules, '.bin', 'claude'),
  opencode: path.join(modules, 'opencode-linux-x64', 'bin', 'opencode'),
  cn: path.join(modules, '.bin', 'cn'),
};
const kRunTimeoutMs = 150_000;

// Environment of every client run: a temp HOME, no inherited keys or proxies,
// nothing phoning home.
function clientEnv(home, extra = {}) {
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    TMPDIR: path.join(home, 'tmp'),
    NO_COLOR: '1',
    TERM: 'dumb',
    // Claude Code
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_TELEMETRY: '1', DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1', DISABLE_BUG_COMMAND: '1', DISABLE_UPDATES: '1', DISABLE_INSTALLATION_CHECKS: '1',
    DISABLE_GROWTHBOOK: '1', CLAUDE_CODE_MAX_RETRIES: '0',
    // opencode
    OPENCODE_DISABLE_AUTOUPDATE: '1', OPENCODE_DISABLE_MODELS_FETCH: '1', OPENCODE_DISABLE_SHARE: '1',
    OPENCODE_DISABLE_LSP_DOWNLOAD: '1', OPENCODE_DISABLE_DEFAULT_PLUGINS: '1', OPENCODE_DISABLE_CLAUDE_CODE: '1',
    // Continue
    CONTINUE_CLI_ENABLE_TELEMETRY: '0', CONTINUE_METRICS_ENABLED: '0',
    ...extra,
  };
  fs.mkdirSync(env.TMPDIR, { recursive: true });
  return env;
}

/** Runs a client with stdin closed; resolves {code, stdout, stderr}. */
function runClient(bin, args, { env, cwd }) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(bin)} ${args.join(' ')} timed out\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, kRunTimeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const readOrNull = (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : null);

describe('real clients through gateos connect', () => {
  let gw;
  const up = {};

  before(async () => {
    for (const [name, bin] of Object.entries(bins))
      assert.ok(fs.existsSync(bin), `${name} is not installed at ${bin}: run \`npm ci\` in tests/clients (make node-deps)`);
    up.chat = await startAgentUpstream('chat', {
      toolPreference: ['read', 'Read', 'read_file', 'Bash', 'bash'],
      args: { filePath: 'PLACEHOLDER', filepath: 'PLACEHOLDER', command: 'echo gateos-tool-ok', description: 'echo' },
    });
    up.responses = await startAgentUpstream('responses', {
      toolPreference: ['exec_command', 'shell'], args: { cmd: 'echo gateos-tool-ok', command: ['echo', 'gateos-tool-ok'] },
    });
    up.anthropic = await startAgentUpstream('anthropic', {
      toolPreference: ['Bash', 'exec_command'],
      args: { command: 'echo gateos-tool-ok', description: 'echo', cmd: 'echo gateos-tool-ok' },
    });
    gw = await startGateway({
      config: {
        providers: {
          chat: { driver: 'drivers.openai', api_key: 'sk-up-chat', options: { base_url: `${up.chat.origin}/v1`, models: ['gpt-test'] } },
          resp: { driver: 'drivers.openai', api_key: 'sk-up-resp', options: { base_url: `${up.responses.origin}/v1`, api: 'responses', models: ['gpt-5-codex'] } },
          claude: { driver: 'drivers.anthropic', api_key: 'sk-up-ant', options: { base_url: up.anthropic.origin, models: ['claude-sonnet-test'] } },
        },
      },
    });
  });

  after(async () => {
    await gw?.stop();
    for (const u of Object.values(up)) await u.close();
  });

  const gateos = (args, home) => runGateos([...args, '--data-dir', gw.dataDir], { env: { HOME: home } });

  // connect → user edit → run(s) → disconnect, with the byte-for-byte check.
  async function connected(client, { original, configPath, userEdit, model }, body) {
    const home = await fsp.mkdtemp(path.join(os.tmpdir(), `gateos-${client}-home-`));
    try {
      const file = configPath(home);
      if (original !== null) {
        await fsp.mkdir(path.dirname(file), { recursive: true });
        await fsp.writeFile(file, original);
      }
      const preview = await gateos(['connect', client, '--dry-run', '--model', model], home);
      assert.match(preview.stdout, /^\+\+\+ /m, 'the dry run shows a diff');
      assert.equal(readOrNull(file), original, 'a dry run changes nothing');
      const done = await gateos(['connect', client, '--yes', '--model', model], home);
      assert.match(done.stdout, new RegExp(`connected ${client}`));
      const listed = JSON.parse((await gateos(['clients', '--json'], home)).stdout);
      assert.equal(listed.data.find((c) => c.id === client)?.connected, true);
      // The user edits an unrelated part of the file while connected.
      await fsp.writeFile(file, userEdit(fs.readFileSync(file, 'utf8')));
      await body(home, file);
      await gateos(['disconnect', client], home);
      assert.equal(readOrNull(file), original === null ? null : userEdit(original),
        `${file} is restored byte for byte (with the user's own edit kept)`);
    } finally {
      await fsp.rm(home, { recursive: true, force: true });
    }
  }

  function assertRoundTrip(upstream, from, what) {
    const requests = upstream.requests.slice(from);
    assert.ok(upstream.toolCalls.length > 0 && requests.length >= 2, `${what}: the upstream saw a tool call and the follow-up (${requests.length} requests)`);
    assert.ok(upstream.toolResults.length > 0, `${what}: the client sent the tool result back`);
    for (const r of requests) {
      const auth = `${r.headers.authorization ?? ''} ${r.headers['x-api-key'] ?? ''}`;
      assert.doesNotMatch(auth, /gsk_/, 'the gateway key never reaches the upstream');
    }
  }

  const logged = (client) => new RegExp(`client=${client}\\b`).test(gw.logs());

  test('codex exec: Responses upstream (same dialect) and Anthropic upstream (translated)', async () => {
    const original = '# my codex config\nmodel = "o3"\napproval_policy = "never"\n\n[history]\npersistence = "none"\n';
    await connected('codex', {
      original, model: 'resp/gpt-5-codex',
      configPath: (home) => path.join(home, '.codex', 'config.toml'),
      userEdit: (t) => `${t}\n[tui]\nnotifications = false\n`,
    }, async (home) => {
      const cwd = await fsp.mkdtemp(path.join(home, 'work-'));
      const common = ['exec', '--skip-git-repo-check', '--sandbox', 'read-only', '-c', 'check_for_update_on_startup=false',
        '-c', 'analytics.enabled=false'];
      for (const [model, upstream] of [['resp/gpt-5-codex', up.responses], ['claude/claude-sonnet-test', up.anthropic]]) {
        const from = upstream.requests.length;
        upstream.toolCalls.length = 0;
        upstream.toolResults.length = 0;
        const run = await runClient(bins.codex, [...common, '-m', model, 'run the echo tool once, then answer'], { env: clientEnv(home), cwd });
        assert.equal(run.code, 0, `codex exited ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}\n${gw.logs()}`);
        assert.match(run.stdout, new RegExp(kDoneText), `codex printed the final answer\n${run.stdout}\n${run.stderr}`);
        assertRoundTrip(upstream, from, `codex → ${model}`);
      }
      assert.ok(logged('codex'), 'the request log names codex');
    });
  });

  test('claude -p: Anthropic upstream (same dialect) and OpenAI upstream (translated)', async () => {
    const original = '{\n  "theme": "dark",\n  "env": {\n    "MAX_THINKING_TOKENS": "1024"\n  }\n}\n';
    await connected('claude_code', {
      original, model: 'claude/claude-sonnet-test',
      configPath: (home) => path.join(home, '.claude', 'settings.json'),
      userEdit: (t) => t.replace('"dark"', '"light"'),
    }, async (home) => {
      const cwd = await fsp.mkdtemp(path.join(home, 'work-'));
      up.chat.toolPreference = ['Bash'];
      for (const [model, upstream] of [['claude/claude-sonnet-test', up.anthropic], ['chat/gpt-test', up.chat]]) {
        const from = upstream.requests.length;
        upstream.toolCalls.length = 0;
        upstream.toolResults.length = 0;
        const run = await runClient(bins.claude, ['-p', 'run echo once, then answer', '--model', model, '--allowedTools', 'Bash(echo:*)'],
          { env: clientEnv(home), cwd });
        assert.equal(run.code, 0, `claude exited ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}\n${gw.logs()}`);
        assert.match(run.stdout, new RegExp(kDoneText), `claude printed the final answer\n${run.stdout}\n${run.stderr}`);
        assertRoundTrip(upstream, from, `claude → ${model}`);
        assert.match(upstream.toolResults.join('\n'), /gateos-tool-ok/, 'the Bash tool really ran');
      }
      assert.ok(logged('claude_code'), 'the request log names claude_code');
    });
  });

  test('opencode run: OpenAI upstream, read tool round trip', async () => {
    const original = '{\n  // my opencode settings\n  "$schema": "https://opencode.ai/config.json",\n  "autoupdate": false\n}\n';
    await connected('opencode', {
      original, model: 'chat/gpt-test',
      configPath: (home) => path.join(home, '.config', 'opencode', 'opencode.json'),
      userEdit: (t) => t.replace('"autoupdate": false', '"autoupdate": false,\n  "share": "disabled"'),
    }, async (home) => {
      const cwd = await fsp.mkdtemp(path.join(home, 'work-'));
      const target = path.join(cwd, 'notes.md');
      await fsp.writeFile(target, 'gateos-file-content\n');
      up.chat.args.filePath = target;
      up.chat.toolPreference = ['read'];
      const from = up.chat.requests.length;
      up.chat.toolCalls.length = 0;
      up.chat.toolResults.length = 0;
      const run = await runClient(bins.opencode, ['run', 'read notes.md, then answer'], { env: clientEnv(home), cwd });
      assert.equal(run.code, 0, `opencode exited ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}\n${gw.logs()}`);
      assert.match(run.stdout + run.stderr, new RegExp(kDoneText), `opencode printed the final answer\n${run.stdout}\n${run.stderr}`);
      assertRoundTrip(up.chat, from, 'opencode');
      assert.match(up.chat.toolResults.join('\n'), /gateos-file-content/, 'the read tool really read the file');
      assert.ok(logged('opencode'), 'the request log names opencode');
    });
  });

  test('cn -p (Continue): OpenAI upstream, tool round trip', async () => {
    const original = 'name: Mine\nversion: 1.0.0\nschema: v1\nmodels:\n  - name: Local\n    provider: ollama\n    model: qwen\n    apiBase: http://127.0.0.1:9/\n';
    await connected('continue', {
      original, model: 'chat/gpt-test',
      configPath: (home) => path.join(home, '.continue', 'config.yaml'),
      userEdit: (t) => `${t}rules:\n  - Be brief\n`,
    }, async (home, file) => {
      const cwd = await fsp.mkdtemp(path.join(home, 'work-'));
      const target = path.join(cwd, 'notes.md');
      await fsp.writeFile(target, 'gateos-file-content\n');
      up.chat.args.filepath = target;
      up.chat.args.filePath = target;
      up.chat.toolPreference = ['Read', 'read_file', 'readFile', 'Bash', 'bash'];
      const from = up.chat.requests.length;
      up.chat.toolCalls.length = 0;
      up.chat.toolResults.length = 0;
      const run = await runClient(bins.cn, ['-p', '--config', file, 'read notes.md, then answer'],
        { env: clientEnv(home, { CONTINUE_GLOBAL_DIR: path.join(home, '.continue') }), cwd });
      assert.equal(run.code, 0, `cn exited ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}\n${gw.logs()}`);
      assert.match(run.stdout, new RegExp(kDoneText), `cn printed the final answer\n${run.stdout}\n${run.stderr}`);
      assertRoundTrip(up.chat, from, 'continue');
      assert.match(up.chat.toolResults.join('\n'), /gateos-file-content/, `the ${up.chat.toolCalls[0]?.name} tool really read the file`);
      assert.ok(logged('continue'), 'the request log names continue');
    });
  });

  test('connect refuses an unparsable config and leaves it untouched', async () => {
    const home = await fsp.mkdtemp(path.join(os.tmpdir(), 'gateos-broken-home-'));
    try {
      const file = path.join(home, '.codex', 'config.toml');
      await fsp.mkdir(path.dirname(file), { recursive: true });
      const broken = 'model = "o3"\n[model_providers\n';
      await fsp.writeFile(file, broken);
      await assert.rejects(gateos(['connect', 'codex', '--yes', '--model', 'resp/gpt-5-codex'], home), /not valid TOML/);
      assert.equal(fs.readFileSync(file, 'utf8'), broken);
      const listed = JSON.parse((await gateos(['clients', '--json'], home)).stdout);
      assert.equal(listed.data.find((c) => c.id === 'codex')?.connected, false);
    } finally {
      await fsp.rm(home, { recursive: true, force: true });
    }
  });

  test('a /c/<client>/ path prefix labels requests of clients without a telling header', async () => {
    const res = await request(`${gw.baseUrl}/c/aider/v1/chat/completions`, {
      method: 'POST', key: gw.key, body: { model: 'chat/gpt-test', messages: [{ role: 'user', content: 'hi' }] },
    });
    assert.equal(res.status, 200, res.text);
    assert.match(res.json.choices[0].message.content, new RegExp(kDoneText));
    await waitFor(() => /\/v1\/chat\/completions [^\n]*client=aider\b/.test(gw.logs()), { what: 'a request log line naming aider' });
    const unknown = await request(`${gw.baseUrl}/v1/chat/completions`, {
      method: 'POST', key: gw.key, headers: { 'user-agent': 'curl/8' }, body: { model: 'chat/gpt-test', messages: [{ role: 'user', content: 'hi' }] },
    });
    assert.equal(unknown.status, 200);
    await waitFor(() => /client=unknown\b/.test(gw.logs()), { what: 'an unlabelled request logged as client=unknown' });
    const stranger = await request(`${gw.baseUrl}/c/nosuch/v1/chat/completions`, {
      method: 'POST', key: gw.key, headers: { 'user-agent': 'curl/8' }, body: { model: 'chat/gpt-test', messages: [{ role: 'user', content: 'hi' }] },
    });
    assert.equal(stranger.status, 200, 'an unknown client prefix is taken off and ignored');
    const embedded = await request(`${gw.baseUrl}/c/continue/v1/embeddings`, {
      method: 'POST', key: gw.key, body: { model: 'chat/gpt-test', input: ['def main(): pass'] },
    });
    // This suite's scripted upstream has no /embeddings (404 passed on): the label comes before the upstream.
    assert.equal(embedded.status, 404, embedded.text);
    await waitFor(() => /\/v1\/embeddings [^\n]*client=continue\b/.test(gw.logs()), { what: 'an embeddings log line naming continue' });
    const metrics = (await request(`${gw.baseUrl}/metrics`)).text;
    assert.match(metrics, /gateos_client_requests_total\{client="continue"\} [1-9]/, 'embeddings count per client too');
    assert.match(metrics, /gateos_client_requests_total\{client="aider"\} [1-9]/, 'usage per client in /metrics');
    assert.match(metrics, /gateos_client_requests_total\{client="codex"\} [1-9]/);
    assert.doesNotMatch(metrics, /client="nosuch"/, 'free text from the path never becomes a metric label');
  });

  test('admin API: GET /clients needs the admin token and lists the integrations', async () => {
    const denied = await request(`${gw.baseUrl}/admin/api/v1/clients`);
    assert.equal(denied.status, 401);
    const res = await request(`${gw.baseUrl}/admin/api/v1/clients`, { headers: { authorization: `Bearer ${gw.adminToken}` } });
    assert.equal(res.status, 200);
    const ids = res.json.data.map((c) => c.id).sort();
    assert.deepEqual(ids, ['aider', 'claude_code', 'codex', 'continue', 'opencode', 'sdk']);
    const missing = await request(`${gw.baseUrl}/admin/api/v1/clients/nosuch/connect`, {
      method: 'POST', headers: { authorization: `Bearer ${gw.adminToken}` }, body: { dry_run: true },
    });
    assert.equal(missing.status, 404);
  });
});
