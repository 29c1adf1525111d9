// SSE streaming through the real gateway: no buffering, integrity under concurrency, cancellation.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeUpstream, expectedStreamText } from './lib/fake_upstream.mjs';
import { startGateway, openaiProvider } from './lib/gateway.mjs';
import {
  sseEvents,
  summarizeChatStream,
  collectSse,
  startChatStream,
  withTimeout,
  rawStreamUntilFirstData,
} from './lib/client.mjs';

describe('streaming chat completions', { timeout: 90000 }, () => {
  let up;
  let gw;
  before(async () => {
    up = await startFakeUpstream();
    gw = await startGateway({ config: { providers: { up: openaiProvider(up) } } });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });
  beforeEach(() => up.reset());

  test('the first chunk reaches the client while the upstream still holds the rest', async () => {
    const held = up.next({ type: 'stream', chunks: 6, holdAfterFirstChunk: true });
    const body = { model: 'up/gpt-test', messages: [{ role: 'user', content: 'first-chunk' }] };
    try {
      const res = await withTimeout(startChatStream(gw.baseUrl, gw.key, body), 10000, 'response headers (a gateway that buffers the stream may hold them back too)');
      assert.equal(res.status, 200, `status ${res.status}: ${res.status !== 200 ? await res.text() : ''}`);
      assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
      const it = sseEvents(res.body)[Symbol.asyncIterator]();
      // The upstream will not send chunk 2 before release(): if the gateway buffers, this times out.
      const first = await withTimeout(it.next(), 5000, 'the first SSE event while the upstream holds the rest (gateway buffers?)');
      assert.equal(first.done, false);
      const firstObj = JSON.parse(first.value.data);
      assert.equal(firstObj.choices[0].delta.content, '[first-chunk:0]');
      held.release();
      const events = [first.value];
      for (let n = await withTimeout(it.next(), 10000, 'next event'); !n.done; n = await withTimeout(it.next(), 10000, 'next event')) {
        events.push(n.value);
      }
      const s = summarizeChatStream(events);
      const upBody = up.chatRequests()[0].body;
      assert.equal(upBody.model, 'gpt-test');
      assert.equal(upBody.stream, true);
      assert.equal(s.content, expectedStreamText(6, body));
      assert.ok(s.done, 'stream must end with data: [DONE]');
      assert.equal(s.afterDone, 0, 'no events after [DONE]');
      assert.equal(events[events.length - 1].data, '[DONE]');
    } finally {
      held.release();
    }
  });

  test('100 concurrent streams of 20 chunks each arrive intact', async () => {
    const n = 100;
    const chunks = 20;
    up.route('gpt-test', { type: 'stream', chunks });
    const bodies = Array.from({ length: n }, (_, i) => ({
      model: 'up/gpt-test',
      messages: [{ role: 'user', content: `stream-${i}` }],
    }));
    const results = await withTimeout(
      Promise.all(
        bodies.map(async (body) => {
          const res = await startChatStream(gw.baseUrl, gw.key, body);
          if (res.status !== 200) return { status: res.status, text: await res.text() };
          return { status: 200, summary: summarizeChatStream(await collectSse(res)) };
        }),
      ),
      60000,
      `${n} concurrent streams`,
    );
    const problems = [];
    results.forEach((r, i) => {
      if (r.status !== 200) problems.push(`stream ${i}: status ${r.status} ${r.text}`);
      else if (r.summary.content !== expectedStreamText(chunks, bodies[i])) problems.push(`stream ${i}: content ${JSON.stringify(r.summary.content)}`);
      else if (!r.summary.done) problems.push(`stream ${i}: no [DONE]`);
    });
    assert.deepEqual(problems, [], `${problems.length}/${n} streams broken`);
    assert.equal(up.chatRequests().length, n);
  });

  test('a client disconnect mid-stream closes the upstream connection', async () => {
    const held = up.next({ type: 'stream', chunks: 5, holdAfterFirstChunk: true });
    try {
      const s = await withTimeout(
        rawStreamUntilFirstData(gw.baseUrl, gw.key, { model: 'up/gpt-test', messages: [{ role: 'user', content: 'cancel me' }] }),
        10000,
        'the first streamed bytes',
      );
      assert.equal(s.res.statusCode, 200);
      await held.firstChunkSent;
      s.destroy();
      await withTimeout(held.closedEarly, 5000, 'the upstream connection to close after the client disconnected');
    } finally {
      held.release();
    }
  });
});

describe('mock/echo streaming', { timeout: 30000 }, () => {
  let gw;
  before(async () => {
    gw = await startGateway({ config: {} });
  });
  after(async () => {
    await gw?.stop();
  });

  test('yields "You said: ..." in chunks ending with [DONE]', async () => {
    const res = await startChatStream(gw.baseUrl, gw.key, {
      model: 'mock/echo',
      messages: [{ role: 'user', content: 'stream this back to me please' }],
    });
    assert.equal(res.status, 200, res.status !== 200 ? await res.text() : '');
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const events = await withTimeout(collectSse(res), 10000, 'mock stream');
    const s = summarizeChatStream(events);
    assert.equal(s.content, 'You said: stream this back to me please');
    assert.ok(s.contentChunks >= 2, `expected several content chunks, got ${s.contentChunks}`);
    assert.ok(s.done, 'stream must end with [DONE]');
    for (const e of events.filter((e) => e.data !== '[DONE]')) {
      assert.equal(JSON.parse(e.data).object, 'chat.completion.chunk');
    }
  });
});
