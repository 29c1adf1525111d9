// The web UI of the real gateos binary in headless Chromium: sign-in, every
// page reachable at desktop and phone width, keys created and revoked in the UI.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway } from '../integration/lib/gateway.mjs';
import { waitFor } from '../integration/lib/client.mjs';
import { openBrowser, signIn, goTo, phone, desktop } from './lib/browser.mjs';

const pages = [
  ['Overview', 'Overview'],
  ['Plugins', 'Plugins'],
  ['Providers & models', 'Providers and models'],
  ['Pipeline', 'Pipeline'],
  ['File-type defaults', 'File-type defaults'],
  ['Prompt templates', 'Prompt templates'],
  ['Workspaces & keys', 'Workspaces and keys'],
  ['Security log', 'Security log'],
];

describe('web UI basics', { timeout: 120000 }, () => {
  let gw;
  let b;
  before(async () => {
    gw = await startGateway();
    b = await openBrowser({ prefix: 'basics' });
  });
  after(async () => {
    await b?.close();
    await gw?.stop();
  });

  test('a wrong admin token is refused with a plain message; the right one signs in', async () => {
    const { page } = b;
    // Warm Chromium's renderer for this origin with a plain JSON answer, so the
    // timing below is the UI's own first load (its files are not cached yet).
    await page.goto(gw.baseUrl + '/healthz');
    await page.goto(gw.baseUrl + '/');
    await page.getByLabel('Admin token').waitFor();
    // From the start of the navigation until the app rendered its first usable
    // screen (the mark it sets then), on a fresh browser profile.
    const interactiveMs = await page.evaluate(() => performance.getEntriesByName('gateos:interactive')[0]?.startTime ?? Infinity);
    console.log(`# first page interactive after ${Math.round(interactiveMs)} ms`);
    assert.ok(interactiveMs < 1000, `sign-in form took ${interactiveMs} ms to be interactive`);
    await page.getByLabel('Admin token').fill('gadm_not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That is not the admin token of this GateOS kernel.').waitFor();
    await b.shot('signin-wrong-token');
    await page.getByLabel('Admin token').fill(gw.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByText('Serving').waitFor();
    const cookies = await b.context.cookies(gw.baseUrl);
    const session = cookies.find((c) => c.name === 'gateos_session');
    assert.ok(session, 'no session cookie');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    assert.equal(await page.evaluate(() => document.cookie.includes('gateos_session')), false, 'page script can read the session cookie');
    await b.shot('overview-desktop');
  });

  test('every page loads without errors at 1280 px, and a reload keeps the page', async () => {
    const { page } = b;
    b.consoleErrors.length = 0;  // the refused sign-in above logged its 401s
    for (const [link, heading] of pages) {
      await goTo(page, link, heading);
      await page.waitForLoadState('networkidle');
      await page.locator('.loading').first().waitFor({ state: 'detached' });
      await b.shot(`page-${heading.toLowerCase().replace(/[^a-z]+/g, '-')}-desktop`);
    }
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Security log' }).waitFor();
    assert.deepEqual(b.consoleErrors.filter((e) => !/status of 404/.test(e)), []);
  });

  test('at 390 px the menu opens with the keyboard and nothing overflows sideways', async () => {
    const { page } = b;
    await page.setViewportSize(phone);
    await page.goto(gw.baseUrl + '/');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.focus();
    await page.keyboard.press('Enter');
    const plugins = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plugins' });
    await plugins.waitFor();
    await b.shot('menu-phone');
    await plugins.focus();
    // The focused link shows a visible outline.
    const outline = await plugins.evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.notEqual(outline, 'none');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Plugins' }).waitFor();
    for (const [link, heading] of pages) {
      await page.goto(gw.baseUrl + (link === 'Overview' ? '/' : '/' + pathOf(heading)));
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${heading} overflows by ${overflow} px at 390 px`);
      await b.shot(`page-${heading.toLowerCase().replace(/[^a-z]+/g, '-')}-phone`);
    }
    await page.setViewportSize(desktop);
  });

  test('a gateway key is shown once with a copy button, works, and stops working when revoked', async () => {
    const { page } = b;
    await page.goto(gw.baseUrl + '/workspaces');
    await page.getByRole('heading', { level: 1, name: 'Workspaces and keys' }).waitFor();
    await page.getByLabel('Name', { exact: true }).first().fill('e2e-laptop');
    await page.getByRole('button', { name: 'Create key' }).click();
    const keyText = await page.getByTestId('new-key').textContent();
    assert.match(keyText, /^gsk_/);
    await page.getByRole('button', { name: 'Copy the new key' }).waitFor();
    await b.shot('key-created');

    const chat = (key) =>
      fetch(gw.url('/v1/chat/completions'), {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] }),
      });
    assert.equal((await chat(keyText)).status, 200);

    const row = page.getByRole('row').filter({ hasText: 'e2e-laptop' });
    await row.getByRole('button', { name: /Revoke key/ }).click();
    await row.getByText('revoked').waitFor();
    await b.shot('key-revoked');
    // Revocation reaches the data plane on the next request.
    await waitFor(async () => (await chat(keyText)).status === 401, { what: 'the revoked key to be refused' });
  });

  test('sign out ends the session', async () => {
    const { page } = b;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Admin token').waitFor();
    const r = await page.evaluate(async () => (await fetch('/admin/api/v1/status')).status);
    assert.equal(r, 401);
  });
});

function pathOf(heading) {
  return {
    Plugins: 'plugins',
    'Providers and models': 'providers',
    Pipeline: 'pipeline',
    'File-type defaults': 'file-types',
    'Prompt templates': 'templates',
    'Workspaces and keys': 'workspaces',
    'Security log': 'security',
  }[heading];
}
