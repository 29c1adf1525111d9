// "Done when" scenario 3 of the web-UI issue, through the UI: a default model
// for *.py set in the file-type table; the tester agrees; a request with model
// `auto` about a Python file is routed there by the real gateway.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeUpstream } from '../integration/lib/fake_upstream.mjs';
import { startGateway, openaiProvider } from '../integration/lib/gateway.mjs';
import { openBrowser, signIn, goTo } from './lib/browser.mjs';

describe('file-type default models through the UI', { timeout: 120000 }, () => {
  let up;
  let gw;
  let b;
  before(async () => {
    up = await startFakeUpstream();
    up.models = ['gpt-test', 'py-coder'];
    gw = await startGateway({ config: { providers: { up: openaiProvider(up, { models: ['gpt-test', 'py-coder'] }) } } });
    b = await openBrowser({ prefix: 'filetypes' });
    await signIn(b.page, gw);
  });
  after(async () => {
    await b?.close();
    await gw?.stop();
    await up?.close();
  });

  test('a rule for *.py routes `auto` requests about Python files to its model', async () => {
    const { page } = b;
    await goTo(page, 'File-type defaults');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByLabel('Rule 1 path pattern').fill('*.py');
    await page.getByLabel('Rule 1 model').fill('up/py-coder');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Rules saved.').waitFor();
    await b.shot('rule-saved');

    // A rule naming an unknown model is refused, and the saved rules stay.
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByLabel('Rule 2 path pattern').fill('*.md');
    await page.getByLabel('Rule 2 model').fill('up/no-such-model');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByRole('alert').filter({ hasText: /no-such-model/ }).waitFor();
    await b.shot('rule-refused');
    await page.getByRole('button', { name: 'Undo changes' }).click();

    await page.getByLabel('File path').fill('src/app.py');
    await page.getByRole('button', { name: 'Which model?' }).click();
    assert.equal(await page.getByTestId('routed-model').textContent(), 'up/py-coder');
    await b.shot('tester');

    const r = await fetch(gw.url('/v1/chat/completions'), {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'fix the crash in app.py' }] }),
    });
    assert.equal(r.status, 200, await r.text());
    assert.match(r.headers.get('x-gateos-route') ?? '', /py-coder/);
    assert.equal(up.chatRequests().at(-1).body.model, 'py-coder');
  });
});
