// Per-filetype default models (policies.filetype_default_model) through the
// real gateway: rules per workspace saved through the admin API route requests
// for the routable model "auto" to different fake upstream models, report the
// decision in X-GateOS-Route, and leave explicit models alone.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeUpstream } from './lib/fake_upstream.mjs';
import { startGateway, openaiProvider } from './lib/gateway.mjs';
import { request } from './lib/client.mjs';

const models = ['py-model', 'docs-model', 'complete-model', 'general-model', 'explicit-model', 'team-model'];

describe('per-filetype default models', { timeout: 60000 }, () => {
  let up;
  let gw;
  before(async () => {
    up = await startFakeUpstream();
    gw = await startGateway({ config: { providers: { up: openaiProvider(up, { models }) } } });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });

  const admin = (method, p, body) =>
    request(gw.url(`/admin/api/v1${p}`), { method, body, headers: { authorization: `Bearer ${gw.adminToken}` } });
  const chat = (body, headers = {}, path = '/v1/chat/completions') =>
    request(gw.url(path), { method: 'POST', key: gw.key, body, headers });
  const user = (content, model = 'auto') => ({ model, messages: [{ role: 'user', content }] });
  const lastUpstreamModel = () => up.chatRequests().at(-1)?.body?.model;

  const defaultRules = {
    rules: [
      { name: 'complete', kind: 'autocomplete', model: 'up/complete-model' },
      { name: 'python', glob: ['src/**/*.py', '*.py'], language: 'python', model: 'up/py-model' },
      { name: 'docs', glob: '*.md', model: 'up/docs-model' },
    ],
    default_model: 'up/general-model',
  };

  test('saving rules: GET returns them with names; PUT replaces them', async () => {
    const put = await admin('PUT', '/workspaces/default/filetype-rules', defaultRules);
    assert.equal(put.status, 200, put.text);
    assert.deepEqual(put.json.rules.map((r) => r.name), ['complete', 'python', 'docs']);
    const got = await admin('GET', '/workspaces/default/filetype-rules');
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json.default_model, 'up/general-model');
    assert.deepEqual(got.json.routable_models, ['auto']);
  });

  test('a request about app.py and one about README.md go to two different models', async () => {
    const py = await chat(user('Fix the bug in app.py please'));
    assert.equal(py.status, 200, py.text);
    assert.equal(lastUpstreamModel(), 'py-model');
    assert.equal(py.headers.get('x-gateos-route'), 'rule=python; filetype=python; model=up/py-model');

    const md = await chat(user('Proofread README.md'));
    assert.equal(md.status, 200, md.text);
    assert.equal(lastUpstreamModel(), 'docs-model');
    assert.equal(md.headers.get('x-gateos-route'), 'rule=docs; filetype=markdown; model=up/docs-model');
  });

  test('a fenced code block with a language decides when no file is named', async () => {
    const r = await chat(user('Why does this fail?\n```python\nprint(1/0)\n```'));
    assert.equal(r.status, 200, r.text);
    assert.equal(lastUpstreamModel(), 'py-model');
  });

  test('streaming answers carry the header too', async () => {
    const r = await chat({ ...user('Explain src/pkg/util.py'), stream: true });
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /text\/event-stream/);
    assert.equal(r.headers.get('x-gateos-route'), 'rule=python; filetype=python; model=up/py-model');
    assert.equal(lastUpstreamModel(), 'py-model');
  });

  test('an autocomplete request follows its own rule', async () => {
    const r = await chat(user('<|fim_prefix|># Path: src/app.py\ndef add(a, b):\n    <|fim_suffix|>\n<|fim_middle|>'));
    assert.equal(r.status, 200, r.text);
    assert.equal(lastUpstreamModel(), 'complete-model');
    assert.equal(r.headers.get('x-gateos-route'), 'rule=complete; filetype=python; kind=autocomplete; model=up/complete-model');
  });

  test('the workspace default catches the rest', async () => {
    const r = await chat(user('Tell me a joke'));
    assert.equal(r.status, 200, r.text);
    assert.equal(lastUpstreamModel(), 'general-model');
    assert.equal(r.headers.get('x-gateos-route'), 'rule=default; filetype=none; model=up/general-model');
  });

  test('an explicit model is left alone and carries no route header', async () => {
    const r = await chat(user('Fix the bug in app.py please', 'up/explicit-model'));
    assert.equal(r.status, 200, r.text);
    assert.equal(lastUpstreamModel(), 'explicit-model');
    assert.equal(r.headers.get('x-gateos-route'), null);
  });

  test('Anthropic Messages requests are routed the same way', async () => {
    const r = await request(gw.url('/v1/messages'), {
      method: 'POST',
      headers: { 'x-api-key': gw.key, 'anthropic-version': '2023-06-01' },
      body: { model: 'auto', max_tokens: 32, messages: [{ role: 'user', content: 'Summarise CHANGES.md' }] },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(lastUpstreamModel(), 'docs-model');
    assert.equal(r.headers.get('x-gateos-route'), 'rule=docs; filetype=markdown; model=up/docs-model');
  });

  test('the decision is in the request log', async () => {
    await chat(user('Lint app.py'));
    assert.match(gw.output.stderr + gw.output.stdout, /route="rule=python; filetype=python; model=up\/py-model"/);
  });

  test('tester endpoint: which model would a request about src/app.py get?', async () => {
    const r = await admin('POST', '/workspaces/default/filetype-rules/test', { path: 'src/app.py' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.routed, true);
    assert.equal(r.json.model, 'up/py-model');
    assert.equal(r.json.rule, 'python');
    const ac = await admin('POST', '/workspaces/default/filetype-rules/test', { path: 'src/app.py', kind: 'autocomplete' });
    assert.equal(ac.json.model, 'up/complete-model');
    const explicit = await admin('POST', '/workspaces/default/filetype-rules/test', { path: 'src/app.py', model: 'up/explicit-model' });
    assert.equal(explicit.json.routed, false);
  });

  test('a rule pointing at an unknown model is refused; nothing is saved', async () => {
    const bad = await admin('PUT', '/workspaces/default/filetype-rules', {
      rules: [{ name: 'python', glob: '*.py', model: 'up/py-model' }, { glob: '*.rs', model: 'nope/missing' }],
    });
    assert.equal(bad.status, 400, bad.text);
    assert.match(bad.json.error.message, /rules\[1\]\.model: unknown model or alias 'nope\/missing'/);
    const got = await admin('GET', '/workspaces/default/filetype-rules');
    assert.deepEqual(got.json.rules.map((r) => r.name), ['complete', 'python', 'docs']);
  });

  test('an invalid glob is refused; nothing is saved and routing is unchanged', async () => {
    const bad = await admin('PUT', '/workspaces/default/filetype-rules', {
      rules: [{ name: 'ok', glob: '*.md', model: 'up/general-model' }, { name: 'broken', glob: 'src/[ab.py', model: 'up/py-model' }],
      default_model: 'up/general-model',
    });
    assert.equal(bad.status, 400, bad.text);
    assert.match(bad.json.error.message, /rules\[1\]\.glob: 'src\/\[ab\.py': unclosed '\['/);
    const got = await admin('GET', '/workspaces/default/filetype-rules');
    assert.deepEqual(got.json.rules.map((r) => r.name), ['complete', 'python', 'docs']);
    const md = await chat(user('Proofread README.md'));
    assert.equal(lastUpstreamModel(), 'docs-model', md.text);
  });

  test('reorder: rules change order; first match wins', async () => {
    // A second rule matching *.py placed before "python" takes over after a reorder.
    const put = await admin('PUT', '/workspaces/default/filetype-rules', {
      ...defaultRules,
      rules: [...defaultRules.rules, { name: 'py-general', glob: '*.py', model: 'up/general-model' }],
    });
    assert.equal(put.status, 200, put.text);
    await chat(user('Fix app.py'));
    assert.equal(lastUpstreamModel(), 'py-model');
    const re = await admin('POST', '/workspaces/default/filetype-rules/reorder', { order: ['py-general', 'complete', 'python', 'docs'] });
    assert.equal(re.status, 200, re.text);
    await chat(user('Fix app.py'));
    assert.equal(lastUpstreamModel(), 'general-model');
    const missing = await admin('POST', '/workspaces/default/filetype-rules/reorder', { order: ['python'] });
    assert.equal(missing.status, 400, missing.text);
    const restore = await admin('PUT', '/workspaces/default/filetype-rules', defaultRules);
    assert.equal(restore.status, 200, restore.text);
  });

  test('two workspaces with different rules serve concurrently', async () => {
    const created = await admin('POST', '/workspaces', { name: 'team', description: 'the team' });
    assert.equal(created.status, 201, created.text);
    const put = await admin('PUT', '/workspaces/team/filetype-rules', {
      rules: [{ name: 'team-py', glob: '*.py', model: 'up/team-model' }],
      default_model: 'up/general-model',
    });
    assert.equal(put.status, 200, put.text);

    const jobs = [];
    for (let i = 0; i < 10; i++) {
      jobs.push(chat(user(`Fix app.py #${i}`)).then((r) => ({ ws: 'default', r })));
      jobs.push(chat(user(`Fix app.py #${i}`), { 'x-gateos-workspace': 'team' }).then((r) => ({ ws: 'team', r })));
      jobs.push(chat(user(`Fix app.py #${i}`), {}, '/w/team/v1/chat/completions').then((r) => ({ ws: 'team', r })));
    }
    for (const { ws, r } of await Promise.all(jobs)) {
      assert.equal(r.status, 200, r.text);
      assert.equal(r.headers.get('x-gateos-route'), ws === 'team' ? 'rule=team-py; filetype=python; model=up/team-model'
        : 'rule=python; filetype=python; model=up/py-model');
    }
    const byModel = {};
    for (const req of up.chatRequests().slice(-30)) byModel[req.body.model] = (byModel[req.body.model] ?? 0) + 1;
    assert.deepEqual(byModel, { 'py-model': 10, 'team-model': 20 });
  });
});
