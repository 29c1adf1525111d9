// Workspaces through the real gateway: admin CRUD, request resolution (header,
// /w/<name>/ path prefix, the gateway key's workspace), unknown workspaces
// refused in the client's dialect, per-workspace stage switches, and export →
// import round trips that are all-or-nothing.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeUpstream } from './lib/fake_upstream.mjs';
import { startGateway, openaiProvider } from './lib/gateway.mjs';
import { request } from './lib/client.mjs';

const models = ['a-model', 'b-model', 'general-model'];
const secret = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';

describe('workspaces', { timeout: 60000 }, () => {
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
  const chat = (body, { headers = {}, path = '/v1/chat/completions', key = gw.key } = {}) =>
    request(gw.url(path), { method: 'POST', key, body, headers });
  const user = (content, model = 'auto') => ({ model, messages: [{ role: 'user', content }] });
  const lastUpstream = () => up.chatRequests().at(-1)?.body;

  test('the default workspace always exists and cannot be deleted', async () => {
    const list = await admin('GET', '/workspaces');
    assert.equal(list.status, 200, list.text);
    assert.ok(list.json.data.some((w) => w.name === 'default'));
    const del = await admin('DELETE', '/workspaces/default');
    assert.equal(del.status, 409, del.text);
  });

  test('CRUD: create, get, update, refuse bad names and duplicates, delete', async () => {
    const created = await admin('POST', '/workspaces', { name: 'crud-ws', description: 'first' });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.name, 'crud-ws');
    const dup = await admin('POST', '/workspaces', { name: 'crud-ws' });
    assert.equal(dup.status, 409, dup.text);
    const bad = await admin('POST', '/workspaces', { name: 'Bad Name!' });
    assert.equal(bad.status, 400, bad.text);
    assert.match(bad.json.error.message, /name: use 1-63 lower-case letters/);
    const unknownKey = await admin('POST', '/workspaces', { name: 'x1', colour: 'red' });
    assert.equal(unknownKey.status, 400, unknownKey.text);
    const upd = await admin('PUT', '/workspaces/crud-ws', { description: 'second' });
    assert.equal(upd.status, 200, upd.text);
    assert.equal((await admin('GET', '/workspaces/crud-ws')).json.description, 'second');
    const del = await admin('DELETE', '/workspaces/crud-ws');
    assert.equal(del.status, 204, del.text);
    assert.equal((await admin('GET', '/workspaces/crud-ws')).status, 404);
  });

  test('resolution: header, then path prefix, then the key; unknown names refused in the client dialect', async () => {
    for (const name of ['ws-a', 'ws-b']) assert.equal((await admin('POST', '/workspaces', { name })).status, 201);
    for (const [name, model] of [['ws-a', 'up/a-model'], ['ws-b', 'up/b-model'], ['default', 'up/general-model']]) {
      const r = await admin('PUT', `/workspaces/${name}/filetype-rules`, { rules: [], default_model: model });
      assert.equal(r.status, 200, r.text);
    }
    const keyB = await admin('POST', '/keys', { name: 'b-key', workspace: 'ws-b' });
    assert.equal(keyB.status, 201, keyB.text);

    await chat(user('hi'));
    assert.equal(lastUpstream().model, 'general-model');
    await chat(user('hi'), { key: keyB.json.key });
    assert.equal(lastUpstream().model, 'b-model', 'the key\'s workspace');
    await chat(user('hi'), { key: keyB.json.key, path: '/w/ws-a/v1/chat/completions' });
    assert.equal(lastUpstream().model, 'a-model', 'path prefix beats the key');
    await chat(user('hi'), { key: keyB.json.key, path: '/w/ws-a/v1/chat/completions', headers: { 'x-gateos-workspace': 'default' } });
    assert.equal(lastUpstream().model, 'general-model', 'header beats the path prefix');

    const anthropic = await request(gw.url('/w/ws-a/v1/messages'), {
      method: 'POST',
      headers: { 'x-api-key': gw.key, 'anthropic-version': '2023-06-01' },
      body: { model: 'auto', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] },
    });
    assert.equal(anthropic.status, 200, anthropic.text);
    assert.equal(lastUpstream().model, 'a-model', 'the prefix works for every dialect route');

    const unknownOpenAi = await chat(user('hi'), { headers: { 'x-gateos-workspace': 'nope' } });
    assert.equal(unknownOpenAi.status, 404, unknownOpenAi.text);
    assert.match(unknownOpenAi.json.error.message, /unknown workspace 'nope' \(from the X-GateOS-Workspace header\)/);
    const unknownAnthropic = await request(gw.url('/w/nope/v1/messages'), {
      method: 'POST',
      headers: { 'x-api-key': gw.key, 'anthropic-version': '2023-06-01' },
      body: { model: 'auto', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] },
    });
    assert.equal(unknownAnthropic.status, 404, unknownAnthropic.text);
    assert.equal(unknownAnthropic.json.type, 'error');
    assert.match(unknownAnthropic.json.error.message, /unknown workspace 'nope' \(from the \/w\/<name>\/ path prefix\)/);

    const inUse = await admin('DELETE', '/workspaces/ws-b');
    assert.equal(inUse.status, 409, inUse.text);
    assert.match(inUse.json.error.message, /gateway key/);
  });

  test('pipeline: a workspace switches a stage off without touching the others', async () => {
    assert.equal((await admin('POST', '/workspaces', { name: 'no-redact' })).status, 201);
    const before = await admin('GET', '/workspaces/no-redact/pipeline');
    assert.equal(before.status, 200, before.text);
    const redaction = before.json.stages.find((s) => s.id === 'stages.secret_redaction');
    assert.ok(redaction, before.text);
    assert.equal(redaction.enabled, true);
    assert.equal(redaction.inherited, true);

    // A template, so that stages.prompt_templates' config has a part the workspace settings don't own.
    const tpl = await admin('POST', '/workspaces/no-redact/templates', { name: 'house', body: 'Be brief.' });
    assert.equal(tpl.status, 201, tpl.text);
    const templateGenerations = () => gw.logs().match(/plugin stages\.prompt_templates \S+ active/g)?.length ?? 0;
    const templatesBefore = templateGenerations();
    const off = await admin('PUT', '/workspaces/no-redact/pipeline/stages.secret_redaction', { enabled: false });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.json.stages.find((s) => s.id === 'stages.secret_redaction').enabled, false);
    // Saving the whole list again changes nothing: no stage gets a new generation.
    const same = await admin('PUT', '/workspaces/no-redact/pipeline',
      off.json.stages.map((s) => ({ id: s.id, enabled: s.enabled })));
    assert.equal(same.status, 200, same.text);
    assert.equal(templateGenerations(), templatesBefore, 'an unchanged stage was reloaded');

    await chat(user(`my token is ${secret}`, 'up/general-model'), { headers: { 'x-gateos-workspace': 'no-redact' } });
    assert.ok(JSON.stringify(lastUpstream()).includes(secret), 'redaction is off in no-redact');
    await chat(user(`my token is ${secret}`, 'up/general-model'));
    assert.ok(!JSON.stringify(lastUpstream()).includes(secret), 'redaction still on in default');
  });

  test('pipeline settings are checked against the stage\'s schema', async () => {
    const bad = await admin('PUT', '/workspaces/no-redact/pipeline/stages.secret_redaction', { settings: { mode: 'explode' } });
    assert.equal(bad.status, 400, bad.text);
    assert.match(bad.json.error.message, /mode/);
    const unknownStage = await admin('PUT', '/workspaces/no-redact/pipeline', [{ id: 'stages.nope', enabled: false }]);
    assert.equal(unknownStage.status, 400, unknownStage.text);
  });

  test('export → import round trip under a new name; the copy serves the same way', async () => {
    assert.equal((await admin('POST', '/workspaces', { name: 'src-ws', description: 'source' })).status, 201);
    assert.equal((await admin('PUT', '/workspaces/src-ws/filetype-rules', {
      rules: [{ name: 'md', glob: '*.md', model: 'up/b-model' }], default_model: 'up/a-model',
    })).status, 200);
    assert.equal((await admin('PUT', '/workspaces/src-ws/pipeline/stages.secret_redaction', { enabled: false })).status, 200);

    const exported = await admin('GET', '/workspaces/src-ws/export');
    assert.equal(exported.status, 200, exported.text);
    assert.equal(exported.json.format, 'gateos.workspace');
    assert.equal(exported.json.workspace.description, 'source');
    assert.ok(exported.json.sections.pipeline, exported.text);
    assert.ok(exported.json.sections.policies, exported.text);

    const imported = await admin('POST', '/workspaces/import?name=copy-ws', exported.json);
    assert.equal(imported.status, 201, imported.text);
    const again = await admin('GET', '/workspaces/copy-ws/export');
    assert.deepEqual(again.json.sections, exported.json.sections);
    assert.equal(again.json.workspace.description, 'source');

    const r = await chat(user('Proofread README.md'), { headers: { 'x-gateos-workspace': 'copy-ws' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(lastUpstream().model, 'b-model');

    const conflict = await admin('POST', '/workspaces/import?name=copy-ws', exported.json);
    assert.equal(conflict.status, 409, conflict.text);
  });

  test('a bad import is refused and leaves nothing behind', async () => {
    const exported = (await admin('GET', '/workspaces/src-ws/export')).json;
    const broken = structuredClone(exported);
    broken.sections.policies[0].settings.rules.push({ name: 'bad', glob: '*.rs', model: 'nope/missing' });
    const r1 = await admin('POST', '/workspaces/import?name=broken-ws', broken);
    assert.equal(r1.status, 400, r1.text);
    assert.match(r1.json.error.message, /sections\.policies.*unknown model or alias 'nope\/missing'/);
    assert.equal((await admin('GET', '/workspaces/broken-ws')).status, 404);

    const badGlob = structuredClone(exported);
    badGlob.sections.policies[0].settings.rules.push({ name: 'bad', glob: '{a,b', model: 'up/a-model' });
    const r2 = await admin('POST', '/workspaces/import?name=broken-ws', badGlob);
    assert.equal(r2.status, 400, r2.text);
    assert.match(r2.json.error.message, /unclosed '\{'/);
    assert.equal((await admin('GET', '/workspaces/broken-ws')).status, 404, 'the workspace row was rolled back');

    // Replacing an existing workspace with a bad document keeps the old one intact.
    const r3 = await admin('POST', '/workspaces/import?name=src-ws&replace=true', badGlob);
    assert.equal(r3.status, 400, r3.text);
    const still = await admin('GET', '/workspaces/src-ws/export');
    assert.deepEqual(still.json.sections, exported.sections);

    const unknownSection = await admin('POST', '/workspaces/import?name=x-ws', { ...exported, sections: { nope: {} } });
    assert.equal(unknownSection.status, 400, unknownSection.text);
    assert.match(unknownSection.json.error.message, /sections\.nope: unknown section/);
    const notADoc = await admin('POST', '/workspaces/import', { hello: 1 });
    assert.equal(notADoc.status, 400, notADoc.text);
  });
});
