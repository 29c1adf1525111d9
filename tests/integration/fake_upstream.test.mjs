// Self-test of the test helpers (no gateway needed): the fake upstream behaves as scripted.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeUpstream, getClosedPort, expectedStreamText } from './lib/fake_upstream.mjs';
import { request, sseEvents, summarizeChatStream, collectSse, withTimeout, rawStreamUntilFirstData } from './lib/client.mjs';

describe('fake upstream', { timeout: 20000 }, () => {
  let up;
  before(async () => {
    up = await startFakeUpstream();
  });
  after(async () => {
    await up?.close();
  });
  beforeEach(() => up.reset());

  const chat = (body, extra = {}) =>
    request(`${up.baseUrl}/chat/completions`, { method: 'POST', body, headers: { authorization: 'Bearer sk-x' }, ...extra });

  test('answers a chat.completion and records the request', async () => {
    const r = await chat({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }], custom: 1 });
    assert.equal(r.status, 200);
    assert.equal(r.json.object, 'chat.completion');
    assert.equal(r.json.choices[0].message.content, 'upstream answer to: hi');
    assert.equal(up.requests.length, 1);
    assert.equal(up.requests[0].headers.authorization, 'Bearer sk-x');
    assert.deepEqual(up.requests[0].body.custom, 1);
  });

  test('lists models', async () => {
    const r = await request(`${up.baseUrl}/models`);
    assert.deepEqual(r.json.data.map((m) => m.id), ['gpt-test']);
  });

  test('streams chunks and [DONE], with usage when asked', async () => {
    const body = { model: 'gpt-test', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 's1' }] };
    const res = await fetch(`${up.baseUrl}/chat/completions`, { method: 'POST', body: JSON.stringify(body) });
    const s = summarizeChatStream(await collectSse(res));
    assert.equal(s.content, expectedStreamText(5, body));
    assert.ok(s.done);
    assert.equal(s.usage.completion_tokens, 5);
  });

  test('holds a stream after the first chunk until released', async () => {
    const h = up.next({ type: 'stream', chunks: 3, holdAfterFirstChunk: true });
    const body = { model: 'gpt-test', stream: true, messages: [{ role: 'user', content: 'hold' }] };
    const res = await fetch(`${up.baseUrl}/chat/completions`, { method: 'POST', body: JSON.stringify(body) });
    const it = sseEvents(res.body)[Symbol.asyncIterator]();
    const first = await withTimeout(it.next(), 5000, 'first chunk');
    assert.match(first.value.data, /\[hold:0\]/);
    let finished = false;
    h.finished.then(() => {
      finished = true;
    });
    await h.firstChunkSent;
    assert.equal(finished, false);
    h.release();
    const rest = [];
    for (let n = await it.next(); !n.done; n = await it.next()) rest.push(n.value);
    const s = summarizeChatStream([first.value, ...rest]);
    assert.equal(s.content, expectedStreamText(3, body));
    assert.ok(s.done);
  });

  test('reports a connection closed before the answer finished', async () => {
    const h = up.next({ type: 'stream', chunks: 3, holdAfterFirstChunk: true });
    const origin = up.origin;
    const s = await rawStreamUntilFirstData(origin, 'k', { model: 'gpt-test', messages: [] });
    s.destroy();
    await withTimeout(h.closedEarly, 5000, 'closedEarly');
    h.release();
  });

  test('error, hang and destroy behaviours', async () => {
    up.route('e429', { type: 'error', status: 429, headers: { 'retry-after': '7' }, body: { error: { message: 'slow down' } } });
    const r = await chat({ model: 'e429', messages: [] });
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), '7');
    assert.equal(r.json.error.message, 'slow down');

    up.route('html', { type: 'error', status: 502, contentType: 'text/html', body: '<html>bad gateway</html>' });
    const h = await chat({ model: 'html', messages: [] });
    assert.equal(h.status, 502);
    assert.equal(h.text, '<html>bad gateway</html>');

    up.route('drop', { type: 'destroy' });
    await assert.rejects(chat({ model: 'drop', messages: [] }));

    const hang = up.route('hang', { type: 'hang' });
    const ac = new AbortController();
    const p = fetch(`${up.baseUrl}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'hang' }), signal: ac.signal });
    await withTimeout(hang.received, 5000, 'hang request');
    ac.abort();
    await assert.rejects(p);
    await withTimeout(hang.closedEarly, 5000, 'hang closedEarly');
  });

  test('closed port refuses connections', async () => {
    const port = await getClosedPort();
    await assert.rejects(fetch(`http://127.0.0.1:${port}/`));
  });
});
