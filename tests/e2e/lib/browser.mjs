// Headless Debian Chromium driven by playwright-core, one fresh profile per test file.
//
//   const b = await openBrowser();            // b.page at 1280×800
//   await b.shot('name');                     // tests/e2e/artifacts/<file>-name.png
//   await b.close();
//
// CHROMIUM_BIN overrides /usr/bin/chromium. Screenshots go to tests/e2e/artifacts/
// (E2E_ARTIFACTS overrides); the folder is gitignored and kept as CI artifacts.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const artifactsDir = process.env.E2E_ARTIFACTS ?? path.resolve(here, '..', 'artifacts');
export const chromiumBin = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

// No network but loopback, no background services, no GPU: hermetic and quiet.
const kArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

export function chromiumAvailable() {
  try {
    fs.accessSync(chromiumBin, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function openBrowser({ prefix = 'e2e', viewport = desktop } = {}) {
  if (!chromiumAvailable()) throw new Error(`chromium not found at ${chromiumBin} (apt-get install chromium, or set CHROMIUM_BIN)`);
  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'gateos-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumBin,
    headless: true,
    args: kArgs,
    viewport,
    timeout: 30000,
  });
  context.setDefaultTimeout(15000);
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('dialog', (d) => d.accept());
  await fsp.mkdir(artifactsDir, { recursive: true });
  return {
    context,
    page,
    consoleErrors,
    async shot(name) {
      const file = path.join(artifactsDir, `${prefix}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close().catch(() => {});
      await fsp.rm(profile, { recursive: true, force: true });
    },
  };
}

// Signs in through the form with the gateway's admin token.
export async function signIn(page, gw) {
  await page.goto(gw.baseUrl + '/');
  await page.getByLabel('Admin token').fill(gw.adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}

export async function goTo(page, linkName, heading = linkName) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: linkName }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}
