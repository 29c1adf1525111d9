// Notices from stages (here: stages.secret_redaction with notice on) are shown
// to the client in its own dialect, streaming and not, ahead of the answer.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeUpstream } from './lib/fake_upstream.mjs';
import { startGateway, openaiProvider } from './lib/gateway.mjs';
import { request } from './lib/client.mjs';

const PROMPT = 'deploy with aws_access_key_id = AKIAZ7Q3VYT2MLKD4WQR please';
const NOTICE = '> GateOS: GateOS kept 1 secret from reaching the model';

function sseData(text) {
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: ') && l !== 'data: [DONE]')
    .map((l) => JSON.parse(l.slice(6)));
}

describe('notices in every dialect', { timeout: 60000 }, () => {
  let up;
  let gw;
  before(async () => {
    up = await startFakeUpstream();
    gw = await startGateway({
      config: {
        providers: { up: openaiProvider(up) },
        plugins: { 'stages.secret_redaction': { notice: true } },
      },
    });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });

  test('OpenAI chat, non-streaming: the notice leads the answer', async () => {
    const r = await request(gw.url('/v1/chat/completions'), {
      method: 'POST', key: gw.key,
      body: { model: 'up/gpt-test', messages: [{ role: 'user', content: PROMPT }] },
    });
    assert.equal(r.status, 200, r.text);
    const content = r.json.choices[0].message.content;
    assert.ok(content.startsWith(`${NOTICE}\n\n`), content);
    assert.match(content, /upstream answer to:/);
  });

  test('OpenAI chat, streaming: the notice arrives before the first answer text', async () => {
    up.next({ type: 'stream', chunks: 3, content: (i) => ['one ', 'two ', 'three'][i] });
    const r = await request(gw.url('/v1/chat/completions'), {
      method: 'POST', key: gw.key,
      body: { model: 'up/gpt-test', stream: true, messages: [{ role: 'user', content: PROMPT }] },
    });
    assert.equal(r.status, 200, r.text);
    const content = sseData(r.text).map((c) => c.choices?.[0]?.delta?.content ?? '').join('');
    assert.equal(content, `${NOTICE}\n\none two three`);
  });

  test('Anthropic Messages, streaming and not: the notice is text of the first content block', async () => {
    const headers = { 'x-api-key': gw.key, 'anthropic-version': '2023-06-01' };
    const body = { model: 'up/gpt-test', max_tokens: 64, messages: [{ role: 'user', content: PROMPT }] };
    const whole = await request(gw.url('/v1/messages'), { method: 'POST', headers, body });
    assert.equal(whole.status, 200, whole.text);
    assert.equal(whole.json.content[0].type, 'text');
    assert.ok(whole.json.content[0].text.startsWith(`${NOTICE}\n\n`), whole.json.content[0].text);

    up.next({ type: 'stream', chunks: 2, content: (i) => ['alpha ', 'beta'][i] });
    const streamed = await request(gw.url('/v1/messages'), { method: 'POST', headers, body: { ...body, stream: true } });
    assert.equal(streamed.status, 200, streamed.text);
    const text = sseData(streamed.text)
      .filter((e) => e.type === 'content_block_delta' && e.delta.type === 'text_delta')
      .map((e) => e.delta.text)
      .join('');
    assert.equal(text, `${NOTICE}\n\nalpha beta`);
  });

  test('no secret, no notice', async () => {
    const r = await request(gw.url('/v1/chat/completions'), {
      method: 'POST', key: gw.key,
      body: { model: 'up/gpt-test', messages: [{ role: 'user', content: 'hello there' }] },
    });
    assert.equal(r.status, 200, r.text);
    assert.ok(!r.json.choices[0].message.content.includes('GateOS:'));
  });
});
