// Prompt templates (stages.prompt_templates + the admin API) through the real
// gateway: a saved template is in the system prompt the fake upstream
// received, in each dialect; versions and rollback; preview without a model
// call; bad input refused on save with nothing saved.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startFakeUpstream } from './lib/fake_upstream.mjs';
import { startGateway, openaiProvider } from './lib/gateway.mjs';
import { request } from './lib/client.mjs';

// A minimal Anthropic Messages upstream: records each request, answers one text block.
async function startFakeAnthropic() {
  const requests = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const parsed = JSON.parse(body || '{}');
      requests.push({ path: req.url, body: parsed });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        id: `msg_${requests.length}`, type: 'message', role: 'assistant', model: parsed.model,
        content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', stop_sequence: null,
        usage: { input_tokens: 3, output_tokens: 1 },
      }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('prompt templates', { timeout: 60000 }, () => {
  let up;
  let ant;
  let gw;
  before(async () => {
    up = await startFakeUpstream();
    ant = await startFakeAnthropic();
    gw = await startGateway({
      config: {
        providers: {
          up: openaiProvider(up, { models: ['gpt-test', 'gpt-other'] }),
          ant: { driver: 'drivers.anthropic', api_key: 'sk-ant-test', options: { base_url: ant.baseUrl, models: ['claude-test'] } },
        },
      },
    });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
    await ant?.close();
  });

  const admin = (method, path, body) =>
    request(gw.url(`/admin/api/v1${path}`), { method, body, key: gw.adminToken });
  const templates = '/workspaces/default/templates';
  const chat = (body) => request(gw.url('/v1/chat/completions'), { method: 'POST', key: gw.key, body });
  const messages = (body) =>
    request(gw.url('/v1/messages'), {
      method: 'POST', body, headers: { 'x-api-key': gw.key, 'anthropic-version': '2023-06-01' },
    });
  const lastUpstreamMessages = () => up.chatRequests().at(-1).body.messages;
  const today = new Date().toISOString().slice(0, 10);

  test('without templates the request reaches the upstream unchanged', async () => {
    up.reset();
    const r = await chat({ model: 'up/gpt-test', messages: [{ role: 'user', content: 'plain' }] });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(lastUpstreamMessages(), [{ role: 'user', content: 'plain' }]);
  });

  test('OpenAI chat: a saved template leads the system prompt the upstream received', async () => {
    const created = await admin('POST', templates, {
      name: 'house-style',
      body: 'Style for {{model}} in {{workspace}} on {{date}}, team {{team}}.',
      variables: { team: 'core' },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.version, 1);
    assert.equal(created.json.placement, 'system_prepend');

    up.reset();
    const r = await chat({
      model: 'up/gpt-test',
      messages: [{ role: 'system', content: 'Base prompt.' }, { role: 'user', content: 'hello' }],
    });
    assert.equal(r.status, 200, r.text);
    const sent = lastUpstreamMessages();
    assert.equal(sent[0].role, 'system');
    assert.equal(sent[0].content, `Style for up/gpt-test in default on ${today}, team core.\n\nBase prompt.`);
    assert.equal(sent[1].content, 'hello');
  });

  test('OpenAI chat streaming gets the template too', async () => {
    up.reset();
    const r = await chat({ model: 'up/gpt-test', stream: true, messages: [{ role: 'user', content: 'stream me' }] });
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /data: \[DONE\]/);
    const sent = lastUpstreamMessages();
    assert.equal(sent[0].role, 'system');
    assert.match(sent[0].content, /^Style for up\/gpt-test/);
  });

  test('Anthropic Messages in and out: the template is in the upstream `system`', async () => {
    const r = await messages({
      model: 'ant/claude-test', max_tokens: 16, system: 'Base prompt.',
      messages: [{ role: 'user', content: 'hi claude' }],
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.type, 'message');
    const sent = ant.requests.at(-1).body;
    assert.equal(sent.system, `Style for ant/claude-test in default on ${today}, team core.\n\nBase prompt.`);
    assert.equal(sent.messages.length, 1);
    assert.equal(sent.messages[0].role, 'user');
  });

  test('Anthropic in, OpenAI upstream out: the template is in the system message', async () => {
    up.reset();
    const r = await messages({ model: 'up/gpt-test', max_tokens: 16, messages: [{ role: 'user', content: 'cross' }] });
    assert.equal(r.status, 200, r.text);
    const sent = lastUpstreamMessages();
    assert.equal(sent[0].role, 'system');
    assert.match(sent[0].content, /^Style for up\/gpt-test in default/);
  });

  test('OpenAI in, Anthropic upstream out: the template becomes `system`', async () => {
    const r = await chat({ model: 'ant/claude-test', messages: [{ role: 'user', content: 'to claude' }] });
    assert.equal(r.status, 200, r.text);
    assert.match(ant.requests.at(-1).body.system, /^Style for ant\/claude-test in default/);
  });

  test('OpenAI Responses in: `instructions` is the system prompt the template leads', async () => {
    up.reset();
    const r = await request(gw.url('/v1/responses'), {
      method: 'POST', key: gw.key, body: { model: 'up/gpt-test', instructions: 'Base prompt.', input: 'hi responses' },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.object, 'response');
    const sent = lastUpstreamMessages();
    assert.equal(sent[0].role, 'system');
    assert.equal(sent[0].content, `Style for up/gpt-test in default on ${today}, team core.\n\nBase prompt.`);
    assert.equal(sent.at(-1).role, 'user');
  });

  test('Ollama /api/chat in: the template is in the system message', async () => {
    up.reset();
    const r = await request(gw.url('/api/chat'), {
      method: 'POST', key: gw.key,
      body: { model: 'up/gpt-test', stream: false, messages: [{ role: 'user', content: 'hi ollama' }] },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.done, true);
    const sent = lastUpstreamMessages();
    assert.equal(sent[0].role, 'system');
    assert.match(sent[0].content, /^Style for up\/gpt-test in default/);
  });

  test('templates belong to a workspace, and travel with its export and import', async () => {
    const ws = await admin('POST', '/workspaces', { name: 'tpl-team' });
    assert.equal(ws.status, 201, ws.text);
    const created = await admin('POST', '/workspaces/tpl-team/templates', { name: 'team-only', body: 'Team rules for {{workspace}}.' });
    assert.equal(created.status, 201, created.text);
    const inTeam = (workspace) =>
      request(gw.url('/v1/chat/completions'), {
        method: 'POST', key: gw.key, headers: { 'x-gateos-workspace': workspace },
        body: { model: 'up/gpt-test', messages: [{ role: 'user', content: 'which rules?' }] },
      });
    up.reset();
    assert.equal((await inTeam('tpl-team')).status, 200);
    assert.equal(lastUpstreamMessages()[0].content, 'Team rules for tpl-team.');
    up.reset();
    assert.equal((await chat({ model: 'up/gpt-test', messages: [{ role: 'user', content: 'default?' }] })).status, 200);
    assert.doesNotMatch(JSON.stringify(lastUpstreamMessages()), /Team rules/);

    const exported = await admin('GET', '/workspaces/tpl-team/export');
    assert.equal(exported.status, 200, exported.text);
    assert.ok(exported.json.sections.templates, exported.text);
    assert.ok(JSON.stringify(exported.json.sections.templates).includes('Team rules for {{workspace}}.'), exported.text);
    const imported = await admin('POST', '/workspaces/import?name=tpl-copy', exported.json);
    assert.equal(imported.status, 201, imported.text);
    up.reset();
    assert.equal((await inTeam('tpl-copy')).status, 200);
    assert.equal(lastUpstreamMessages()[0].content, 'Team rules for tpl-copy.');

    // Deleting the workspace takes its templates with it.
    assert.equal((await admin('DELETE', '/workspaces/tpl-copy')).status, 204);
    const gone = await admin('GET', '/workspaces/tpl-copy/templates');
    assert.equal(gone.status, 404, gone.text);
  });

  test('versions: update saves the next version, rollback restores an old one as a new version', async () => {
    const updated = await admin('PUT', `${templates}/house-style`, { body: 'Version two.' });
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.json.version, 2);
    up.reset();
    await chat({ model: 'up/gpt-test', messages: [{ role: 'user', content: 'after update' }] });
    assert.equal(lastUpstreamMessages()[0].content, 'Version two.');

    const rolled = await admin('POST', `${templates}/house-style/rollback`, { version: 1 });
    assert.equal(rolled.status, 200, rolled.text);
    assert.equal(rolled.json.version, 3);
    assert.equal(rolled.json.variables.team, 'core');
    up.reset();
    await chat({ model: 'up/gpt-test', messages: [{ role: 'user', content: 'after rollback' }] });
    assert.match(lastUpstreamMessages()[0].content, /^Style for up\/gpt-test/);

    const versions = await admin('GET', `${templates}/house-style/versions`);
    assert.equal(versions.status, 200, versions.text);
    assert.deepEqual(versions.json.data.map((v) => [v.version, v.rolled_back_from]), [[1, null], [2, null], [3, 1]]);
    const two = await admin('GET', `${templates}/house-style/versions/2`);
    assert.equal(two.json.body, 'Version two.');
    assert.equal((await admin('GET', `${templates}/house-style/versions/9`)).status, 404);
    assert.equal((await admin('POST', `${templates}/house-style/rollback`, { version: 9 })).status, 404);
  });

  test('preview renders saved templates and drafts without calling a model', async () => {
    const before = up.chatRequests().length + ant.requests.length;
    const saved = await admin('POST', `${templates}/preview`, {
      request: { model: 'up/gpt-test', messages: [{ role: 'user', content: 'sample' }] },
    });
    assert.equal(saved.status, 200, saved.text);
    assert.match(saved.json.system, /^Style for up\/gpt-test in default/);
    assert.deepEqual(saved.json.applied, [{ name: 'house-style', version: 3, placement: 'system_prepend' }]);
    assert.equal(saved.json.request.messages[0].role, 'system');

    const draft = await admin('POST', `${templates}/preview`, {
      dialect: 'anthropic.messages',
      request: { model: 'claude', max_tokens: 5, system: 'Base.', messages: [{ role: 'user', content: 'fix it' }] },
      files: [{ path: 'src/app.py', language: 'python', primary: true }],
      client: 'claude_code',
      template: { name: 'wrapper', body: '[{{client}} / {{filetypes}}] {{message}}', placement: 'user_wrap' },
    });
    assert.equal(draft.status, 200, draft.text);
    assert.equal(draft.json.last_user_message, '[claude_code / python] fix it');
    assert.match(draft.json.request.system, /^Style for claude in default.*\n\nBase\.$/s);
    assert.equal(up.chatRequests().length + ant.requests.length, before, 'preview must not call a model');
    assert.equal((await admin('GET', `${templates}/wrapper`)).status, 404, 'a previewed draft is not saved');
  });

  test('bad input is refused on save with a clear message and nothing saved', async () => {
    const unknownVar = await admin('POST', templates, { name: 'broken', body: 'Hello {{tema}}' });
    assert.equal(unknownVar.status, 400, unknownVar.text);
    assert.equal(unknownVar.json.error.type, 'invalid_request');
    assert.match(unknownVar.json.error.message, /^body: line 1, column 7: unknown variable "tema" \(known: workspace, client, model, filetypes, date\)/);

    const badSyntax = await admin('POST', templates, { name: 'broken', body: 'line one\nHello {{client' });
    assert.equal(badSyntax.status, 400, badSyntax.text);
    assert.match(badSyntax.json.error.message, /^body: line 2, column 7: "\{\{" is not closed by "\}\}"/);

    const wrap = await admin('POST', templates, { name: 'broken', body: 'no message', placement: 'user_wrap' });
    assert.equal(wrap.status, 400, wrap.text);
    assert.match(wrap.json.error.message, /\{\{message\}\} exactly once/);

    const unknownWorkspace = await admin('POST', '/workspaces/no-such-ws/templates', { name: 'x', body: 'hi' });
    assert.equal(unknownWorkspace.status, 404, unknownWorkspace.text);
    assert.match(unknownWorkspace.json.error.message, /workspace no-such-ws not found/);

    const badUpdate = await admin('PUT', `${templates}/house-style`, { body: '{{nope}}' });
    assert.equal(badUpdate.status, 400, badUpdate.text);

    const list = await admin('GET', templates);
    assert.deepEqual(list.json.data.map((t) => [t.name, t.version]), [['house-style', 3]]);
    assert.equal((await admin('GET', `${templates}/broken`)).status, 404);
    assert.equal((await admin('GET', `${templates}/house-style/versions`)).json.data.length, 3);
  });

  test('templates stack in order and match on the model', async () => {
    const tail = await admin('POST', templates, {
      name: 'tail', body: 'Reply in English.', placement: 'user_append', order: 5,
      match: { models: ['up/gpt-other'] },
    });
    assert.equal(tail.status, 201, tail.text);
    const first = await admin('POST', templates, { name: 'aaa-first', body: 'First.', order: 1 });
    assert.equal(first.status, 201, first.text);

    up.reset();
    await chat({ model: 'up/gpt-other', messages: [{ role: 'user', content: 'q' }] });
    let sent = lastUpstreamMessages();
    assert.match(sent[0].content, /^First\.\n\nStyle for up\/gpt-other/);
    assert.equal(sent[1].content, 'q\n\nReply in English.');

    up.reset();
    await chat({ model: 'up/gpt-test', messages: [{ role: 'user', content: 'q' }] });
    sent = lastUpstreamMessages();
    assert.equal(sent[1].content, 'q', 'tail only applies to up/gpt-other');
  });

  test('deleting the templates brings back the untouched request', async () => {
    for (const name of ['house-style', 'tail', 'aaa-first']) {
      const r = await admin('DELETE', `${templates}/${name}`);
      assert.equal(r.status, 204, r.text);
    }
    assert.equal((await admin('DELETE', `${templates}/tail`)).status, 404);
    up.reset();
    await chat({ model: 'up/gpt-test', messages: [{ role: 'user', content: 'clean again' }] });
    assert.deepEqual(lastUpstreamMessages(), [{ role: 'user', content: 'clean again' }]);
  });

  test('admin API needs the admin credential', async () => {
    const r = await request(gw.url(`/admin/api/v1${templates}`), { key: gw.key });
    assert.equal(r.status, 401);
  });
});
