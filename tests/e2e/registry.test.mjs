// "Done when" scenarios 1 and 4 of the web-UI issue, through the UI: install a
// provider driver from the local registry, add a provider at a fake upstream,
// chat through it; a package with a bad signature fails with a clear error and
// leaves the plugin list as it was.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFakeUpstream } from '../integration/lib/fake_upstream.mjs';
import { startGateway, gateosBin } from '../integration/lib/gateway.mjs';
import { openBrowser, signIn, goTo } from './lib/browser.mjs';

const buildDir = path.resolve(path.dirname(gateosBin), '..');

// A copy of the build's local registry whose drivers.anthropic entry claims a
// newer version under a signature that belongs to another package: it does
// not verify, and the kernel must refuse it whatever the trust store says.
async function tamperedRegistry(root) {
  const dir = path.join(root, 'tampered');
  await fsp.cp(path.join(buildDir, 'local-registry'), dir, { recursive: true });
  const indexFile = path.join(dir, 'index.json');
  const index = JSON.parse(await fsp.readFile(indexFile, 'utf8'));
  const victim = index.packages.find((p) => p.id === 'drivers.anthropic');
  const donor = index.packages.find((p) => p.id !== 'drivers.anthropic' && p.signature);
  assert.ok(victim && donor, 'the local registry holds drivers.anthropic and another signed package');
  victim.signature = donor.signature;
  await fsp.writeFile(indexFile, JSON.stringify(index, null, 2));
  return dir;
}

describe('plugins from the registry through the UI', { timeout: 180000 }, () => {
  let up;
  let gw;
  let b;
  let root;
  before(async () => {
    root = await fsp.mkdtemp(path.join(os.tmpdir(), 'gateos-e2e-registry-'));
    up = await startFakeUpstream();
    gw = await startGateway({ plugins: 'defaults' });
    b = await openBrowser({ prefix: 'registry' });
    await signIn(b.page, gw);
  });
  after(async () => {
    await b?.close();
    await gw?.stop();
    await up?.close();
    if (root) await fsp.rm(root, { recursive: true, force: true });
  });

  const installedIds = async (page) =>
    (await page.locator('ul[aria-label="Installed plugins"] > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-plugin')))).sort();

  test('install drivers.openai from the local registry, add a provider at a fake upstream, chat', async () => {
    const { page } = b;
    await goTo(page, 'Plugins');
    const before = await installedIds(page);
    assert.ok(!before.includes('drivers.openai'), `drivers.openai installed already: ${before}`);
    await page.getByLabel('Search plugins').fill('openai');
    await page.getByRole('button', { name: 'Search' }).click();
    const pkg = page.locator('li[data-package="drivers.openai"]');
    await pkg.getByRole('button', { name: 'Install drivers.openai' }).click();
    await pkg.getByText(/installed and enabled/).waitFor({ timeout: 60000 });
    await page.locator('li[data-plugin="drivers.openai"]').getByText('active').waitFor();
    await b.shot('installed-openai');

    await goTo(page, 'Providers & models', 'Providers and models');
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add provider' }) });
    await form.getByLabel('Name').fill('up');
    await form.getByLabel('Driver').selectOption('drivers.openai');
    await form.getByLabel(/Base url/).fill(up.baseUrl);
    await form.getByLabel(/Models/).fill('gpt-test');
    await form.getByRole('button', { name: 'Add provider' }).click();
    await page.getByText('Provider up added.').waitFor();
    await b.shot('provider-on-installed-driver');

    const r = await fetch(gw.url('/v1/chat/completions'), {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'up/gpt-test', messages: [{ role: 'user', content: 'hello' }] }),
    });
    assert.equal(r.status, 200, await r.text());
    assert.equal(up.chatRequests().at(-1).body.model, 'gpt-test');
  });

  test('a package with a bad signature shows a clear error and leaves the plugin list unchanged', async () => {
    const { page } = b;
    const location = await tamperedRegistry(root);
    const added = await fetch(gw.url('/admin/api/v1/registries'), {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'tampered', location, priority: 50 }),
    });
    assert.equal(added.status, 201, await added.text());

    await goTo(page, 'Overview');
    await goTo(page, 'Plugins');
    const before = await installedIds(page);
    await page.getByLabel('Search plugins').fill('anthropic');
    await page.getByRole('button', { name: 'Search' }).click();
    const pkg = page.locator('li[data-package="drivers.anthropic"]');
    await pkg.getByRole('button', { name: 'Install drivers.anthropic' }).click();
    const error = pkg.getByRole('alert');
    await error.waitFor({ timeout: 60000 });
    const text = await error.textContent();
    assert.match(text, /Installing drivers\.anthropic failed; nothing was changed\./);
    assert.match(text, /signature/i);
    await b.shot('bad-signature-error');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Plugins' }).waitFor();
    await page.locator('ul[aria-label="Installed plugins"] > li').first().waitFor();
    assert.deepEqual(await installedIds(page), before);
  });
});
