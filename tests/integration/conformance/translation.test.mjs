// Conformance: the recorded request of every client dialect (Claude Code's
// Anthropic Messages, Codex's Responses, opencode's Chat Completions, an Ollama
// chat) through the real gateway to a fake provider of every dialect (OpenAI
// Chat, OpenAI Responses, Anthropic, Gemini, Ollama), streaming and not: the
// translated request and the client's answer are compared field by field
// (system prompt, turns, images, tools, tool calls with streamed argument
// pieces, tool results, stop reasons, usage). Same dialect in and out passes
// the client's bytes through.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { sendJson, sendPieces } from '../lib/scripted_upstream.mjs';
import {
  upstreamDialects, clientDialects, upstreamAnswer, normalizeClientAnswer, expectedStop,
} from '../lib/dialect_wire.mjs';
import {
  startConformanceGateway, clientBody, send, checkTranslatedRequest, checkUpstreamAuth, sameDialect,
} from './conformance_lib.mjs';

const usage = { input: 321, output: 17 };
const answers = {
  text: { text: 'Tomorrow: 21 °C, cloudy ✓ 🌤', stop: 'stop', usage },
  tool: { text: 'Checking.', call: { id: 'call_up9', name: 'get_weather', pieces: ['{"ci', 'ty": "Pa', 'ris", "day": "tomo', 'rrow"}'] }, stop: 'tool', usage },
  length: { text: 'Tomorrow will', stop: 'length', usage },
};

/** Scripts the upstream to answer in its dialect (streamed as separate writes). */
function script(up, upstream, answer, stream) {
  up.next((record, res) => {
    const a = upstreamAnswer(upstream, answer, { stream });
    if (!stream) return sendJson(res, 200, a.body);
    // One write per line: the gateway sees the stream as it comes.
    const pieces = a.body.split(/(?<=\n)/);
    return sendPieces(res, pieces, a.contentType);
  });
}

function checkAnswer(client, upstream, got, answer, { stream }) {
  assert.equal(got.text, answer.text, 'answer text');
  assert.equal(got.stop, expectedStop(client, answer.stop), 'stop reason');
  assert.deepEqual(got.usage, answer.usage, 'usage');
  if (!answer.call) {
    assert.equal(got.calls.length, 0, 'no tool call');
    return;
  }
  assert.equal(got.calls.length, 1, 'one tool call');
  const [call] = got.calls;
  assert.equal(call.name, answer.call.name);
  assert.deepEqual(call.args, JSON.parse(answer.call.pieces.join('')), 'tool call arguments');
  assert.ok(typeof call.id === 'string' || client === 'ollama', 'tool call id');
  if (['chat', 'responses', 'anthropic'].includes(upstream) && client !== 'ollama') assert.equal(call.id, answer.call.id, 'tool call id kept');
  // Arguments streamed in pieces reach a streaming client in pieces.
  if (stream && client !== 'ollama' && ['chat', 'responses', 'anthropic'].includes(upstream))
    assert.ok(call.pieces > 1, `arguments arrive in pieces (${call.pieces})`);
}

describe('conformance: every client dialect to every upstream dialect', { timeout: 180000 }, () => {
  let up;
  let gw;
  before(async () => {
    ({ up, gw } = await startConformanceGateway());
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });
  beforeEach(() => up.reset());

  for (const client of clientDialects) {
    for (const upstream of upstreamDialects) {
      for (const stream of [false, true]) {
        for (const kind of ['text', 'tool', 'length']) {
          const name = `${client} → ${upstream}, ${stream ? 'streaming' : 'whole'}, ${kind} answer`;
          test(name, async () => {
            const answer = answers[kind];
            script(up, upstream, answer, stream);
            const body = clientBody(client, upstream, { stream });
            const r = await send(gw, client, body);
            assert.equal(r.status, 200, `${r.text}\n${gw.logs().slice(-3000)}`);
            assert.equal(up.requests.length, 1, 'one upstream call');
            const rec = up.requests[0];
            checkUpstreamAuth(upstream, rec, gw.key);
            if (sameDialect(client, upstream)) {
              // Pass-through: the client's bytes with only the model replaced.
              assert.deepEqual(rec.body, { ...body, model: 'up-model' });
            } else {
              checkTranslatedRequest(client, upstream, rec.body, body, { stream });
            }
            if (upstream === 'gemini') assert.equal(/streamGenerateContent/.test(rec.path), stream, 'Gemini method');
            const ct = r.headers.get('content-type');
            if (stream) assert.match(ct, client === 'ollama' ? /ndjson/ : /^text\/event-stream/);
            else assert.match(ct, /^application\/json/);
            const got = normalizeClientAnswer(client, r.text, { stream });
            checkAnswer(client, upstream, got, answer, { stream });
          });
        }
      }
    }
  }
});
