// The Clients page: connect a client application like a peripheral from the
// browser. The gateway runs with a temporary HOME holding the user's own Codex
// config; the preview shows the diff, connect writes GateOS's provider into the
// file, disconnect puts the file back byte for byte.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFakeUpstream } from '../integration/lib/fake_upstream.mjs';
import { startGateway, openaiProvider } from '../integration/lib/gateway.mjs';
import { openBrowser, signIn, goTo } from './lib/browser.mjs';

const USER_CONFIG = '# my own settings\nmodel = "o3"\napproval_policy = "on-request"\n';

describe('clients through the UI', { timeout: 120000 }, () => {
  let up;
  let gw;
  let b;
  let home;
  let configFile;
  before(async () => {
    home = await fsp.mkdtemp(path.join(os.tmpdir(), 'gateos-e2e-home-'));
    configFile = path.join(home, '.codex', 'config.toml');
    await fsp.mkdir(path.dirname(configFile), { recursive: true });
    await fsp.writeFile(configFile, USER_CONFIG);
    up = await startFakeUpstream();
    gw = await startGateway({ config: { providers: { up: openaiProvider(up) } }, env: { HOME: home } });
    b = await openBrowser({ prefix: 'clients' });
    await signIn(b.page, gw);
  });
  after(async () => {
    await b?.close();
    await gw?.stop();
    await up?.close();
    if (home) await fsp.rm(home, { recursive: true, force: true });
  });

  test('preview, connect and disconnect Codex; the config file comes back byte for byte', async () => {
    const { page } = b;
    await goTo(page, 'Clients');
    const row = page.getByTestId('client-codex');
    await row.waitFor();
    await row.getByRole('button', { name: /^Preview connecting/ }).click();
    const diff = row.locator('pre.diff');
    await diff.waitFor();
    assert.match(await diff.textContent(), /^\+.*(gateos|GateOS)/m);
    assert.equal(await fsp.readFile(configFile, 'utf8'), USER_CONFIG, 'a preview wrote the file');
    await b.shot('codex-preview');

    await row.getByRole('button', { name: /^Connect / }).click();
    await row.getByText('connected', { exact: true }).waitFor();
    const connected = await fsp.readFile(configFile, 'utf8');
    assert.ok(connected.includes(new URL(gw.url('/')).host), connected);
    assert.ok(connected.includes('approval_policy = "on-request"'), 'the user settings stay');
    await b.shot('codex-connected');

    await row.getByRole('button', { name: /^Disconnect / }).click();
    await row.getByText('not connected', { exact: true }).waitFor();
    assert.equal(await fsp.readFile(configFile, 'utf8'), USER_CONFIG);
    await b.shot('codex-disconnected');
  });
});
