// "Done when" scenarios 1 (second half) and 2 of the web-UI issue, through the UI:
// add a provider pointing at a fake upstream and chat through it; secret
// redaction on in the pipeline, a secret in a prompt reaches the upstream only as
// a placeholder, and the security log shows the alert.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeUpstream } from '../integration/lib/fake_upstream.mjs';
import { startGateway } from '../integration/lib/gateway.mjs';
import { waitFor } from '../integration/lib/client.mjs';
import { openBrowser, signIn, goTo } from './lib/browser.mjs';

const AWS_KEY = 'AKIAZ7Q3VYT2MLKD4WQR';

describe('provider and secret redaction through the UI', { timeout: 120000 }, () => {
  let up;
  let gw;
  let b;
  before(async () => {
    up = await startFakeUpstream();
    gw = await startGateway();
    b = await openBrowser({ prefix: 'provider-redaction' });
    await signIn(b.page, gw);
  });
  after(async () => {
    await b?.close();
    await gw?.stop();
    await up?.close();
  });

  const chat = (model, content) =>
    fetch(gw.url('/v1/chat/completions'), {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content }] }),
    });

  test('add a provider with an installed driver, test the connection, chat through it', async () => {
    const { page } = b;
    await goTo(page, 'Providers & models', 'Providers and models');
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add provider' }) });
    await form.getByLabel('Name').fill('up');
    await form.getByLabel('Driver').selectOption('drivers.openai');
    // A wrong base URL is caught by the driver schema before anything is sent.
    await form.getByLabel(/Base url/).fill('not a url');
    await form.getByRole('button', { name: 'Add provider' }).click();
    await form.getByText(/Does not have the expected form/).waitFor();
    await b.shot('provider-invalid-url');

    await form.getByLabel(/Base url/).fill(up.baseUrl);
    await form.getByLabel(/Models/).fill('gpt-test');
    await form.getByLabel('API key').fill('sk-upstream-secret');
    await form.getByRole('button', { name: 'Add provider' }).click();
    await page.getByText('Provider up added.').waitFor();
    const row = page.locator('li.row').filter({ hasText: 'drivers.openai' });
    await row.getByText('key stored').waitFor();
    // The key is write-only: it never comes back to the page.
    assert.equal((await page.content()).includes('sk-upstream-secret'), false);

    await row.getByRole('button', { name: 'Test connection' }).click();
    await row.getByText(/Connection works/).waitFor();
    await b.shot('provider-added');

    const r = await chat('up/gpt-test', 'hello through the UI-made provider');
    assert.equal(r.status, 200, await r.text());
    const sent = up.chatRequests().at(-1);
    assert.equal(sent.body.model, 'gpt-test');
    assert.equal(sent.headers.authorization, 'Bearer sk-upstream-secret');
  });

  test('secret redaction is on in the pipeline; the upstream gets a placeholder and the security log shows the alert', async () => {
    const { page } = b;
    await goTo(page, 'Pipeline');
    const stage = page.locator('li[data-stage="stages.secret_redaction"]');
    const toggle = stage.getByRole('switch');
    if ((await toggle.getAttribute('aria-checked')) !== 'true') {
      await toggle.click();
      await stage.getByText(/is on\./).waitFor();
    }
    assert.equal(await toggle.getAttribute('aria-checked'), 'true');
    await b.shot('pipeline-redaction-on');

    up.reset();
    const r = await chat('up/gpt-test', `deploy with aws_access_key_id = ${AWS_KEY}`);
    assert.equal(r.status, 200, await r.text());
    const sent = JSON.stringify(up.chatRequests().at(-1).body);
    assert.ok(!sent.includes(AWS_KEY), 'the secret reached the upstream');
    assert.match(sent, /\[\[GATEOS:/);

    await goTo(page, 'Security log');
    await page.getByLabel('Kind').fill('secret_redacted');
    await page.getByRole('button', { name: 'Show alerts' }).click();
    const alertRow = page.getByRole('row').filter({ hasText: 'secret_redacted' }).first();
    await alertRow.waitFor();
    assert.equal((await page.content()).includes(AWS_KEY), false, 'the security log shows the secret');
    await b.shot('security-log-alert');

    // Filtering by another workspace hides it.
    await page.getByLabel('Workspace').fill('no-such-workspace');
    await page.getByRole('button', { name: 'Show alerts' }).click();
    await page.getByText('No alerts match these filters.').waitFor();
  });

  test('the overview counts the traffic and shows the recent alert', async () => {
    const { page } = b;
    await goTo(page, 'Overview');
    await page.getByText('secret_redacted').first().waitFor();
    await waitFor(async () => Number(await page.locator('.metric', { hasText: 'Requests, last hour' }).locator('.metric-value').textContent()) >= 2, {
      what: 'request count on the overview',
      timeoutMs: 10000,
    });
    await b.shot('overview-after-traffic');
  });
});
