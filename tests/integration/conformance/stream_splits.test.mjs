// Conformance: every split of a provider's streamed bytes. For each upstream
// dialect the fake provider sends one representative answer (text with
// multi-byte characters, then a tool call whose arguments stream in pieces,
// usage, stop reason) cut in two at every byte offset, so that every event,
// line, field and UTF-8 sequence is split once; the client (each dialect in
// turn) must get the same answer every time.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sendPieces } from '../lib/scripted_upstream.mjs';
import { upstreamDialects, clientDialects, upstreamAnswer, normalizeClientAnswer, expectedStop } from '../lib/dialect_wire.mjs';
import { startConformanceGateway, send, providerOf } from './conformance_lib.mjs';

const kConcurrency = 8;
// A small request per client dialect naming its split, so that the upstream
// answers each request with its own split whatever order they arrive in.
function splitRequest(client, upstream, k) {
  const model = `${providerOf[upstream]}/up-model`;
  const text = `split-${k}`;
  switch (client) {
    case 'anthropic': return { model, max_tokens: 50, stream: true, messages: [{ role: 'user', content: text }] };
    case 'responses': return { model, stream: true, input: text };
    case 'chat': return { model, stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: text }] };
    default: return { model, stream: true, messages: [{ role: 'user', content: text }] };
  }
}

const answer = { text: 'Hé ✓', call: { id: 'call_s1', name: 'get_weather', pieces: ['{"ci', 'ty":"Pa', 'ris"}'] }, stop: 'tool', usage: { input: 9, output: 4 } };

describe('conformance: every split of every upstream stream', { timeout: 600000 }, () => {
  let up;
  let gw;
  before(async () => {
    ({ up, gw } = await startConformanceGateway());
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });

  for (const upstream of upstreamDialects) {
    test(`${upstream} stream split at every byte`, async () => {
      const { body, contentType } = upstreamAnswer(upstream, answer, { stream: true });
      const bytes = Buffer.from(body, 'utf8');
      const offsets = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
      const failures = [];
      const runOne = async (k) => {
        const client = clientDialects[k % clientDialects.length];
        up.next((record, res) => {
          const at = Number(/split-(\d+)/.exec(record.rawBody)[1]);
          return sendPieces(res, [bytes.subarray(0, at), bytes.subarray(at)], contentType);
        });
        const r = await send(gw, client, splitRequest(client, upstream, k));
        try {
          assert.equal(r.status, 200, r.text);
          const got = normalizeClientAnswer(client, r.text, { stream: true });
          assert.equal(got.text, answer.text);
          assert.equal(got.stop, expectedStop(client, answer.stop));
          assert.deepEqual(got.usage, answer.usage);
          assert.equal(got.calls.length, 1);
          assert.equal(got.calls[0].name, 'get_weather');
          assert.deepEqual(got.calls[0].args, { city: 'Paris' });
        } catch (e) {
          failures.push(`split at ${k} (${client} client): ${e.message.split('\n')[0]}`);
        }
      };
      for (let i = 0; i < offsets.length; i += kConcurrency) await Promise.all(offsets.slice(i, i + kConcurrency).map(runOne));
      assert.deepEqual(failures, [], `${failures.length} of ${offsets.length} splits failed:\n${failures.slice(0, 20).join('\n')}`);
      assert.ok(offsets.length > 300, `a representative stream (${bytes.length} bytes)`);
    });
  }
});
