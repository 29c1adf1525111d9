// Shared setup of the dialect conformance suites: one gateway with a provider
// of every upstream dialect, all on one strict fake upstream (any dialect),
// the recorded client requests (tests/fixtures/dialects) and the checks that
// compare a translated request with the client's.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGateway } from '../lib/gateway.mjs';
import { startScriptedUpstream } from '../lib/scripted_upstream.mjs';
import { normalizeUpstreamRequest, upstreamRoute } from '../lib/dialect_wire.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtureDir = path.resolve(here, '..', '..', 'fixtures', 'dialects');

/** Recorded request shapes of the real clients, one per inbound dialect. */
export const fixtures = {
  anthropic: JSON.parse(fs.readFileSync(path.join(fixtureDir, 'claude_code_messages.json'), 'utf8')),
  responses: JSON.parse(fs.readFileSync(path.join(fixtureDir, 'codex_responses.json'), 'utf8')),
  chat: JSON.parse(fs.readFileSync(path.join(fixtureDir, 'opencode_chat.json'), 'utf8')),
  ollama: JSON.parse(fs.readFileSync(path.join(fixtureDir, 'ollama_chat.json'), 'utf8')),
};

export const clientPath = { chat: '/v1/chat/completions', responses: '/v1/responses', anthropic: '/v1/messages?beta=true', ollama: '/api/chat' };
/** Provider name per upstream dialect (models: "<name>/up-model"). */
export const providerOf = { chat: 'oa', responses: 'oaresp', anthropic: 'ant', gemini: 'gem', ollama: 'oll' };
export const providerKey = { chat: 'sk-up-chat', responses: 'sk-up-resp', anthropic: 'sk-ant-up', gemini: 'AIza-up', ollama: 'oll-up' };
/** Same-dialect pairs: the gateway passes the client's bytes through. */
export const sameDialect = (client, upstream) => client === upstream;

export const kClaudeCodeBetas = 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27';

/** Starts the fake upstream and a gateway with one provider per upstream dialect. */
export async function startConformanceGateway() {
  const up = await startScriptedUpstream();
  const opts = { models: ['up-model'] };
  const gw = await startGateway({
    config: {
      providers: {
        oa: { driver: 'drivers.openai', api_key: providerKey.chat, options: { base_url: up.baseUrl, ...opts } },
        oaresp: { driver: 'drivers.openai', api_key: providerKey.responses, options: { base_url: up.baseUrl, api: 'responses', ...opts } },
        ant: { driver: 'drivers.anthropic', api_key: providerKey.anthropic, options: { base_url: up.origin, ...opts } },
        gem: { driver: 'drivers.gemini', api_key: providerKey.gemini, options: { base_url: up.origin, ...opts } },
        oll: { driver: 'drivers.ollama', api_key: providerKey.ollama, options: { base_url: up.origin, ...opts } },
      },
    },
  });
  return { up, gw };
}

/** The fixture of `client` for provider `upstream`, streaming or not. */
export function clientBody(client, upstream, { stream }) {
  const body = structuredClone(fixtures[client]);
  body.model = `${providerOf[upstream]}/up-model`;
  body.stream = stream;
  if (!stream) delete body.stream_options;
  return body;
}

/** Headers a client of the dialect sends (its key as the real client does). */
export function clientHeaders(client, key) {
  if (client === 'anthropic')
    return { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'anthropic-beta': kClaudeCodeBetas, 'x-app': 'cli' };
  return { authorization: `Bearer ${key}` };
}

/** POSTs the body as the client would; resolves {status, headers, text}. */
export async function send(gw, client, body, extraHeaders = {}) {
  const res = await fetch(gw.url(clientPath[client]), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...clientHeaders(client, gw.key), ...extraHeaders },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Checks the recorded request of `upstream` carries the provider key and never the gateway key. */
export function checkUpstreamAuth(upstream, record, gatewayKey) {
  assert.ok(upstreamRoute(upstream).test(record.path), `${upstream} upstream called on ${record.path}`);
  assert.ok(!JSON.stringify(record.headers).includes(gatewayKey), 'the gateway key never reaches the upstream');
  const h = record.headers;
  const expected = { chat: h.authorization, responses: h.authorization, anthropic: h['x-api-key'], gemini: h['x-goog-api-key'], ollama: h.authorization };
  const want = upstream === 'anthropic' || upstream === 'gemini' ? providerKey[upstream] : `Bearer ${providerKey[upstream]}`;
  assert.equal(expected[upstream], want, 'the provider key is sent upstream');
}

const squash = (s) => s.replace(/\s+/g, '');

function summarizeTurn(turn) {
  const items = turn.items;
  return {
    role: turn.role,
    text: squash(items.filter((i) => i.text !== undefined).map((i) => i.text).join('')),
    images: items.filter((i) => i.image !== undefined).map((i) => i.image),
    calls: items.filter((i) => i.call).map((i) => ({ name: i.call.name, args: i.call.args })),
    results: items.filter((i) => i.result).map((i) => squash(i.result.text)),
    other: items.filter((i) => i.other).map((i) => i.other),
  };
}

/**
 * Compares what the gateway sent upstream (dialect `upstream`) with the
 * client's request (dialect `client`), field by field in neutral form.
 */
export function checkTranslatedRequest(client, upstream, sentBody, clientRequest, { stream }) {
  const want = normalizeUpstreamRequest(client, clientRequest);
  const got = normalizeUpstreamRequest(upstream, sentBody);
  // System prompt: every piece, in order (pieces may be joined into one).
  const gotSystem = squash(got.system.join(''));
  let at = 0;
  for (const piece of want.system) {
    const i = gotSystem.indexOf(squash(piece), at);
    assert.ok(i >= 0, `system prompt piece ${JSON.stringify(piece.slice(0, 40))} reaches the upstream in order; got ${JSON.stringify(got.system)}`);
    at = i + squash(piece).length;
  }
  assert.equal(gotSystem.length, squash(want.system.join('')).length, 'nothing else in the system prompt');
  // Turns: roles, texts, images, tool calls and results.
  assert.deepEqual(got.turns.map(summarizeTurn), want.turns.map(summarizeTurn), 'conversation turns');
  // Tool call ids pair calls with results (upstreams without ids pair by name).
  const calls = got.turns.flatMap((t) => t.items.filter((i) => i.call).map((i) => i.call));
  const results = got.turns.flatMap((t) => t.items.filter((i) => i.result).map((i) => i.result));
  for (const r of results) assert.ok(calls.some((c) => c.id === r.id), `tool result ${r.id} answers a call of the request (${calls.map((c) => c.id)})`);
  const idsKept = ['chat', 'responses', 'anthropic'];
  if (idsKept.includes(client) && idsKept.includes(upstream)) {
    const wantCalls = want.turns.flatMap((t) => t.items.filter((i) => i.call).map((i) => i.call.id));
    assert.deepEqual(calls.map((c) => c.id), wantCalls, 'tool call ids kept');
  }
  // Tools: names, descriptions and schemas.
  assert.deepEqual(got.tools.map((t) => t.name), want.tools.map((t) => t.name), 'tool names');
  assert.deepEqual(got.tools.map((t) => t.description), want.tools.map((t) => t.description), 'tool descriptions');
  for (let i = 0; i < want.tools.length; i++) {
    const g = got.tools[i].parameters;
    const w = want.tools[i].parameters;
    assert.deepEqual(Object.keys(g.properties ?? {}), Object.keys(w.properties ?? {}), `tool ${want.tools[i].name}: schema properties`);
    assert.deepEqual(g.required ?? [], w.required ?? [], `tool ${want.tools[i].name}: required`);
  }
  if (upstream !== 'gemini') assert.equal(got.stream, stream, 'stream flag');
  if (want.maxTokens !== undefined) assert.equal(got.maxTokens, want.maxTokens, 'max tokens');
}
