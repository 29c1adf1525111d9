// Conformance: provider errors (rate limit with retry-after, overloaded,
// context too long, bad provider key) from a provider of every dialect reach a
// client of every dialect in the client's own error format, with the status
// its SDK picks the error class by, streaming and not.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { sendJson } from '../lib/scripted_upstream.mjs';
import { upstreamDialects, clientDialects, upstreamError } from '../lib/dialect_wire.mjs';
import { startConformanceGateway, clientBody, send } from './conformance_lib.mjs';

const kinds = ['rate_limit', 'overloaded', 'context', 'auth'];
const anthropicType = { rate_limit: 'rate_limit_error', overloaded: 'overloaded_error', context: 'invalid_request_error', auth: 'authentication_error' };

function expectedStatus(upstream, kind) {
  if (kind === 'rate_limit') return 429;
  if (kind === 'context') return 400;
  if (kind === 'auth') return 401; // Google's 400 API_KEY_INVALID included
  return upstream === 'anthropic' ? 529 : 503;
}

function upstreamMessage(err) {
  return typeof err.body.error === 'string' ? err.body.error : err.body.error.message;
}

describe('conformance: provider errors in every client dialect', { timeout: 120000 }, () => {
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

  for (const upstream of upstreamDialects) {
    for (const kind of kinds) {
      for (const client of clientDialects) {
        for (const stream of [false, true]) {
          test(`${upstream} ${kind} → ${client} client${stream ? ' (streaming)' : ''}`, async () => {
            const err = upstreamError(upstream, kind);
            up.next((record, res) => sendJson(res, err.status, err.body, err.headers));
            const r = await send(gw, client, clientBody(client, upstream, { stream }));
            assert.equal(r.status, expectedStatus(upstream, kind), r.text);
            assert.match(r.headers.get('content-type'), /^application\/json/);
            if (kind === 'rate_limit') assert.equal(r.headers.get('retry-after'), '7', 'retry-after kept');
            const body = JSON.parse(r.text);
            let message;
            if (client === 'anthropic') {
              assert.equal(body.type, 'error');
              assert.equal(body.error.type, anthropicType[kind], r.text);
              message = body.error.message;
            } else if (client === 'ollama') {
              assert.equal(typeof body.error, 'string', r.text);
              message = body.error;
            } else {
              assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'param', 'type'], r.text);
              if (kind === 'context') assert.equal(body.error.code, 'context_length_exceeded', r.text);
              message = body.error.message;
            }
            assert.ok(message.includes(upstreamMessage(err).slice(0, 20)), `the provider's message is kept: ${message}`);
            assert.ok(!message.includes('sk-ant-up') && !message.includes(gw.key), 'no key in the message');
          });
        }
      }
    }
  }
});
