// stages.dependency_insight through the real gateway: notices for malicious
// and vulnerable packages named in requests and in (streamed) answers, in every
// dialect (OpenAI Chat, Anthropic Messages, OpenAI Responses, Ollama), streamed
// and not; nothing for clean code; block mode in each dialect's error format;
// `gateos insight import` with a file, a folder and a zip dump, picked up by a
// running gateway.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startFakeUpstream } from './lib/fake_upstream.mjs';
import { startGateway, openaiProvider, runGateos, repoRoot } from './lib/gateway.mjs';
import { request, waitFor } from './lib/client.mjs';

const fixtures = path.join(repoRoot, 'tests', 'fixtures', 'dependency_insight');
// From the starter data: a PyPI package the DataDog dataset lists as malicious
// (every version), and a requests release with PYSEC-2018-28 (fixed in 2.20.0).
const MALICIOUS = 'huluquests';
const CLEAN_CODE = '```python\nimport os\nimport numpy as np\nfrom flask import Flask\n```\nWhy is this slow?';

/** SSE body → the parsed `data:` payloads (without [DONE]). */
function sseData(text) {
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: ') && l !== 'data: [DONE]')
    .map((l) => JSON.parse(l.slice(6)));
}

/** NDJSON body → objects. */
const ndjson = (text) => text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

async function post(gw, route, body, { headers = {}, key = gw.key } = {}) {
  const res = await fetch(gw.url(route), {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

const user = (content) => [{ role: 'user', content }];

// Per dialect: how to ask (whole or streamed), the answer text a user sees
// (with notices), and the shape of an error.
const dialects = {
  'OpenAI chat': {
    call: (gw, content, stream, opts) =>
      post(gw, '/v1/chat/completions', { model: 'up/gpt-test', stream, messages: user(content) }, opts),
    text: (r, stream) =>
      stream
        ? sseData(r.text).map((e) => e.choices?.[0]?.delta?.content ?? '').join('')
        : JSON.parse(r.text).choices[0].message.content,
    errorMessage: (r) => JSON.parse(r.text).error.message,
    streamType: 'text/event-stream',
  },
  'Anthropic messages': {
    call: (gw, content, stream, opts = {}) =>
      post(gw, '/v1/messages', { model: 'up/gpt-test', max_tokens: 256, stream, messages: user(content) },
        { ...opts, headers: { 'anthropic-version': '2023-06-01', ...(opts.headers ?? {}) } }),
    text: (r, stream) =>
      stream
        ? sseData(r.text).filter((e) => e.type === 'content_block_delta' && e.delta?.type === 'text_delta').map((e) => e.delta.text).join('')
        : JSON.parse(r.text).content.filter((b) => b.type === 'text').map((b) => b.text).join(''),
    errorMessage: (r) => {
      const body = JSON.parse(r.text);
      assert.equal(body.type, 'error', r.text);
      assert.equal(body.error.type, 'permission_error', r.text);
      return body.error.message;
    },
    streamType: 'text/event-stream',
  },
  'OpenAI Responses': {
    call: (gw, content, stream, opts) => post(gw, '/v1/responses', { model: 'up/gpt-test', stream, input: content }, opts),
    text: (r, stream) =>
      stream
        ? sseData(r.text).filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta).join('')
        : JSON.parse(r.text).output.filter((o) => o.type === 'message')
          .flatMap((o) => o.content).filter((c) => c.type === 'output_text').map((c) => c.text).join(''),
    errorMessage: (r) => JSON.parse(r.text).error.message,
    streamType: 'text/event-stream',
  },
  Ollama: {
    call: (gw, content, stream, opts) => post(gw, '/api/chat', { model: 'up/gpt-test', stream, messages: user(content) }, opts),
    text: (r, stream) => (stream ? ndjson(r.text).map((l) => l.message?.content ?? '').join('') : JSON.parse(r.text).message.content),
    errorMessage: (r) => {
      const body = JSON.parse(r.text);
      assert.equal(typeof body.error, 'string', r.text);
      return body.error;
    },
    streamType: 'application/x-ndjson',
  },
};
const openaiChat = (gw, content, stream) => dialects['OpenAI chat'].call(gw, content, stream);
const openaiChatWithKey = (gw, content, key) => dialects['OpenAI chat'].call(gw, content, false, { key });

/** Queues an upstream stream whose text is `answer`, cut into `chunks` pieces. */
function streamAnswer(up, answer, chunks = 7) {
  const size = Math.ceil(answer.length / chunks);
  up.next({ type: 'stream', chunks, content: (i) => answer.slice(i * size, (i + 1) * size) });
}

describe('dependency insight', { timeout: 120000 }, () => {
  let up;
  let gw;
  before(async () => {
    up = await startFakeUpstream();
    gw = await startGateway({
      config: {
        providers: { up: openaiProvider(up) },
        // Installed with the others (startGateway installs --all); scanning is off until enabled.
        plugins: { 'stages.dependency_insight': { enabled: true, refresh_seconds: 1, workspaces: { strict: { mode: 'block' } } } },
      },
    });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });
  beforeEach(() => up.reset());

  for (const [dialect, d] of Object.entries(dialects)) {
    for (const stream of [false, true]) {
      const mode = stream ? 'streamed' : 'whole';
      test(`${dialect}, ${mode}: a request naming a malicious package gets a notice before the answer`, async () => {
        if (stream) streamAnswer(up, 'I would not run that.');
        else up.next({ type: 'json', body: chatCompletion('I would not run that.') });
        const r = await d.call(gw, `Is \`pip install ${MALICIOUS}\` safe to run?`, stream);
        assert.equal(r.status, 200, r.text);
        assert.ok(r.contentType.startsWith(stream ? d.streamType : 'application/json'), r.contentType);
        const text = d.text(r, stream);
        const at = text.indexOf(`PyPI package \`${MALICIOUS}\` is malicious`);
        assert.ok(at >= 0, `no notice in: ${text}`);
        assert.ok(at < text.indexOf('I would not run that.'), `notice not before the answer: ${text}`);
      });

      test(`${dialect}, ${mode}: an answer recommending a malicious package gets a notice after it`, async () => {
        const answer = `Sure, install the helper first:\n\n\`\`\`bash\npip install ${MALICIOUS}\n\`\`\`\nThen run it.`;
        if (stream) streamAnswer(up, answer, 9);
        else up.next({ type: 'json', body: chatCompletion(answer) });
        const r = await d.call(gw, 'How do I make HTTP requests in Python?', stream);
        assert.equal(r.status, 200, r.text);
        const text = d.text(r, stream);
        assert.ok(text.startsWith(answer), `answer changed: ${text}`);
        assert.match(text.slice(answer.length), new RegExp(`\`${MALICIOUS}\` is malicious`));
      });

      test(`${dialect}, ${mode}: a vulnerable pinned version names the advisory and the fix`, async () => {
        if (stream) streamAnswer(up, 'Looks fine.');
        else up.next({ type: 'json' });
        const r = await d.call(gw, 'requirements.txt:\n```\nrequests==2.19.0\n```\nanything to update?', stream);
        assert.equal(r.status, 200, r.text);
        const text = d.text(r, stream);
        assert.match(text, /PyPI package `requests` 2\.19\.0 has a known vulnerability: PYSEC-2018-28/);
        assert.match(text, /fixed in 2\.20\.0 — https:\/\/osv\.dev\/vulnerability\/PYSEC-2018-28/);
      });

      test(`${dialect}, ${mode}: clean code gets no notice`, async () => {
        const answer = 'Use vectorised numpy operations instead of the loop.';
        if (stream) streamAnswer(up, answer);
        else up.next({ type: 'json', body: chatCompletion(answer) });
        const r = await d.call(gw, CLEAN_CODE, stream);
        assert.equal(r.status, 200, r.text);
        assert.equal(d.text(r, stream), answer);
      });
    }
  }

  test('the streamed answer reaches the client unchanged and in order before the notice', async () => {
    const answer = `Step 1: run \`pip install ${MALICIOUS}\`.\nStep 2: profit.`;
    // 23 chunks: the package name arrives cut in pieces.
    streamAnswer(up, answer, 23);
    const r = await openaiChat(gw, 'help me', true);
    const text = dialects['OpenAI chat'].text(r, true);
    assert.equal(text.slice(0, answer.length), answer);
    assert.match(text.slice(answer.length), /packages named in this answer/);
  });

  test('findings are counted in the metrics', async () => {
    up.next({ type: 'json' });
    await openaiChat(gw, `pip install ${MALICIOUS} requests==2.19.0`, false);
    const m = await request(gw.url('/metrics'));
    assert.equal(m.status, 200);
    assert.match(m.text, /^gateos_plugin_dependency_findings_total\{[^}]*kind="malicious"[^}]*\}\s+[1-9]/m);
    assert.match(m.text, /^gateos_plugin_dependency_findings_total\{[^}]*kind="vulnerable"[^}]*\}\s+[1-9]/m);
  });

  test('block mode refuses a request naming a malicious package, in each dialect\'s error format', async () => {
    const key = await createWorkspaceKey(gw, 'strict');
    for (const [dialect, d] of Object.entries(dialects)) {
      for (const stream of [false, true]) {
        const r = await d.call(gw, `pip install ${MALICIOUS}`, stream, { key });
        assert.equal(r.status, 403, `${dialect}: ${r.text}`);
        assert.match(r.contentType, /json/, `${dialect}: an error is one JSON document, streamed or not`);
        assert.match(d.errorMessage(r), new RegExp(`malicious package \\(PyPI ${MALICIOUS}\\)`), dialect);
      }
    }
    assert.equal(up.chatRequests().length, 0, 'a blocked request reached the upstream');
    // Clean requests in the same workspace still pass.
    up.next({ type: 'json' });
    const ok = await dialects['OpenAI chat'].call(gw, CLEAN_CODE, false, { key });
    assert.equal(ok.status, 200, ok.text);
  });

  test('malicious and vulnerable hits raise security-log alerts (GET /alerts); clean code and advice do not', async () => {
    const alerts = async (query) => {
      const r = await request(gw.url(`/admin/api/v1/alerts?${query}`), { key: gw.adminToken });
      assert.equal(r.status, 200, r.text);
      return r.json.data;
    };
    const since = Date.now() - 1;
    const SECRET_WORDS = 'the quarterly-report-zebra pipeline';

    // A request naming a malicious package.
    up.next({ type: 'json', body: chatCompletion('I would not.') });
    await openaiChat(gw, `For ${SECRET_WORDS}: pip install ${MALICIOUS}`, false);
    // A streamed answer pinning a vulnerable version.
    streamAnswer(up, 'Pin it:\n```\nrequests==2.19.0\n```\n', 5);
    await dialects['Anthropic messages'].call(gw, `For ${SECRET_WORDS}: which requests version?`, true);
    // Clean code and advice-only findings (moment: a replacement) raise nothing.
    up.next({ type: 'json', body: chatCompletion('Use dayjs.') });
    await openaiChat(gw, `${CLEAN_CODE}\nimport moment from 'moment';`, false);

    const malicious = await alerts(`kind=malicious_package&since=${since}`);
    assert.equal(malicious.length, 1, JSON.stringify(malicious));
    assert.equal(malicious[0].severity, 'critical');
    assert.equal(malicious[0].workspace, 'default');
    assert.equal(malicious[0].detail.where, 'request');
    assert.deepEqual(malicious[0].detail.findings.map((f) => [f.ecosystem, f.package, f.kind]), [['PyPI', MALICIOUS, 'malicious']]);

    const vulnerable = await alerts(`kind=vulnerable_package&since=${since}`);
    assert.equal(vulnerable.length, 1, JSON.stringify(vulnerable));
    assert.equal(vulnerable[0].severity, 'warning');
    assert.equal(vulnerable[0].detail.where, 'answer');
    const finding = vulnerable[0].detail.findings.find((f) => f.advisory === 'PYSEC-2018-28');
    assert.ok(finding, JSON.stringify(vulnerable[0]));
    assert.equal(finding.package, 'requests');
    assert.equal(finding.version, '2.19.0');
    assert.equal(finding.fixed, '2.20.0');

    const all = await alerts(`since=${since}`);
    assert.deepEqual(all.map((a) => a.kind).sort(), ['malicious_package', 'vulnerable_package'], 'clean code and advice raise no alert');
    for (const a of all) assert.ok(!JSON.stringify(a).includes('zebra'), `an alert carries prompt text: ${JSON.stringify(a)}`);
  });

  test('block mode raises a malicious_package_blocked alert in the request\'s workspace', async () => {
    const since = Date.now() - 1;
    const key = await createWorkspaceKey(gw, 'strict');
    const r = await openaiChatWithKey(gw, `pip install ${MALICIOUS}`, key);
    assert.equal(r.status, 403, r.text);
    const blocked = await request(gw.url(`/admin/api/v1/alerts?kind=malicious_package_blocked&since=${since}`), { key: gw.adminToken });
    assert.equal(blocked.status, 200, blocked.text);
    assert.equal(blocked.json.data.length, 1, blocked.text);
    assert.equal(blocked.json.data[0].workspace, 'strict');
    assert.equal(blocked.json.data[0].severity, 'critical');
    assert.equal(blocked.json.data[0].detail.blocked, true);
  });

  test('the starter data follows its sources\' rules (gateos insight check)', async () => {
    const check = async (...args) => (await runGateos(['insight', 'check', ...args, '--data-dir', gw.dataDir])).stdout;
    // A withdrawn PyPA advisory (PYSEC-2022-43059, aiohttp) is skipped.
    assert.doesNotMatch(await check('PyPI', 'aiohttp', '0.1'), /PYSEC-2022-43059/);
    // A legitimate package with compromised releases: only those releases.
    assert.match(await check('PyPI', 'ultralytics'), /releases 8\.3\.41, 8\.3\.42, 8\.3\.45, 8\.3\.46 were published with malicious code/);
    assert.match(await check('PyPI', 'ultralytics', '8.3.41'), /`ultralytics` 8\.3\.41 is malicious .*; do not install it/);
    assert.match(await check('PyPI', 'ultralytics', '8.3.40'), /no known risk/);
    assert.match(await check('npm', '@solana/web3.js', '1.95.6'), /no known risk/);
    // e18e module replacements are advice, never "deprecated".
    const moment = await check('npm', 'moment');
    assert.match(moment, /^replaceable: npm package `moment`: consider .* instead/m);
    assert.doesNotMatch(moment, /deprecated/);
  });

  test('gateos insight import: a file, a folder and a zip dump; a running gateway picks them up', async () => {
    const cli = (...args) => runGateos(['insight', ...args, '--data-dir', gw.dataDir]);
    const single = await cli('import', path.join(fixtures, 'osv', 'MAL-2099-7.json'));
    assert.match(single.stdout, /imported 1 records from 1 documents/);
    const folder = await cli('import', path.join(fixtures, 'osv'), path.join(fixtures, 'package-status.jsonl'));
    assert.match(folder.stdout, /\(1 withdrawn and 0 unusable skipped\)/);
    assert.match(folder.stdout, /merged with 1 earlier records/);
    const zip = await cli('import', path.join(fixtures, 'osv-dump.zip'));
    assert.match(zip.stdout, /imported 2 records from 2 documents/);

    const check = await cli('check', 'npm', 'gateos-fixture-lib', '1.4.1');
    assert.match(check.stdout, /GHSA-gate-0001/);
    assert.match(check.stdout, /fixed in 1\.4\.2/);
    assert.match((await cli('check', 'npm', 'gateos-fixture-lib', '1.4.2')).stdout, /no known risk/);
    assert.match((await cli('check', 'npm', 'gateos-fixture-withdrawn', '1.0.0')).stdout, /no known risk/);
    assert.match((await cli('check', 'crates.io', 'gateos-fixture-crate', '0.2.9')).stdout, /GHSA-gate-0003/);
    assert.match((await cli('check', 'npm', 'gateos-fixture-old')).stdout, /deprecated.*consider gateos-fixture-new instead/);
    const status = await cli('status');
    assert.match(status.stdout, /imported data: .*imported\.store\n {2}\d+ packages/);

    // The running gateway reloads the imported store (refresh_seconds: 1).
    await waitFor(async () => {
      up.next({ type: 'json' });
      const r = await openaiChat(gw, 'pip install gateos-fixture-stealer', false);
      return JSON.parse(r.text).choices[0].message.content.includes('`gateos-fixture-stealer` is malicious');
    }, { what: 'the gateway to use the imported data', timeoutMs: 15000, intervalMs: 250 });

    await assert.rejects(cli('import', path.join(fixtures, 'does-not-exist.json')), /nothing was changed/);
  });
});

function chatCompletion(content) {
  return {
    id: 'chatcmpl-insight',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-test',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
  };
}

async function createWorkspaceKey(gw, workspace) {
  // Keys belong to existing workspaces only.
  const created = await request(gw.url('/admin/api/v1/workspaces'), {
    method: 'POST', body: { name: workspace }, headers: { authorization: `Bearer ${gw.adminToken}` },
  });
  assert.ok(created.status === 201 || created.status === 200 || created.status === 409, created.text);
  const { stdout } = await runGateos(['key', 'create', '--data-dir', gw.dataDir, '--workspace', workspace, '--json']);
  const key = JSON.parse(stdout.trim().split('\n').at(-1)).key;
  // The gateway reloads keys in its housekeeping pass.
  await waitFor(async () => (await request(gw.url('/v1/models'), { key })).status === 200, {
    what: 'the new key to be accepted', timeoutMs: 10000, intervalMs: 100,
  });
  return key;
}
