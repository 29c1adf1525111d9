// stages.secret_redaction in every inbound dialect (OpenAI Chat, Anthropic
// Messages, OpenAI Responses, Ollama /api/chat and /api/generate), streaming
// and not: the recording upstream never receives any of the 213 secrets of
// the corpus (tests/fixtures/secrets), and the client gets every secret back
// where the model echoed its placeholder — in text and in tool-call arguments,
// with placeholders split at every offset of the stream.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway } from './lib/gateway.mjs';
import { request } from './lib/client.mjs';
import { startScriptedUpstream } from './lib/scripted_upstream.mjs';
import { DIALECTS, echoHandler, leakedSecrets, loadSecretCorpus } from './lib/redaction_dialects.mjs';

const corpus = loadSecretCorpus();

// The corpus lines embedded in prose, code and config snippets.
const WRAPS = [
  (t) => `Here is the line from my config that fails: ${t}`,
  (t) => '```\n' + t + '\n```',
  (t) => `# settings.env\n${t}\n`,
  (t) => `Can you check why this does not work?\n    ${t}\nThanks!`,
  (t) => `{"step": "deploy", "line": ${JSON.stringify(t)}}`,
];
const USER = corpus.map((e, i) => WRAPS[i % WRAPS.length](e.text)).join('\n\n');
const SYSTEM = `You are a deployment assistant. Known credentials:\n${corpus.slice(0, 20).map((e) => e.text).join('\n')}`;

// A short text with three secrets of different shapes, for every-offset splits.
const SHORT = [
  'aws_access_key_id = AKIAZ7Q3VYT2MLKD4WQR',
  'export GITHUB_TOKEN=ghp_8fK2mQ9xLp4RtV7wZ1nB3cD5eG6hJ0kS2uY4',
  'DATABASE_URL=postgres://app:Xq7vT2pLm9Rz4KwB@db.internal:5432/app',
].join('\n');
const SHORT_SECRETS = [
  { id: 'aws', secret: 'AKIAZ7Q3VYT2MLKD4WQR' },
  { id: 'github', secret: 'ghp_8fK2mQ9xLp4RtV7wZ1nB3cD5eG6hJ0kS2uY4' },
  { id: 'postgres', secret: 'Xq7vT2pLm9Rz4KwB' },
];

describe('secret redaction in every dialect', { timeout: 180000 }, () => {
  let up;
  let gw;
  before(async () => {
    assert.ok(corpus.length >= 200, `the corpus has ${corpus.length} secrets`);
    up = await startScriptedUpstream();
    gw = await startGateway({
      config: { providers: { up: { driver: 'drivers.openai', api_key: 'sk-up', options: { base_url: up.baseUrl, models: ['gpt-test'] } } } },
    });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });
  beforeEach(() => up.reset());

  async function ask(dialect, { system, user, stream, tool, chunk }) {
    const d = DIALECTS[dialect];
    const req = d.request(gw.key, 'up/gpt-test', { system, user, stream, tool });
    up.next(echoHandler({ chunk, tool }));
    const r = await request(gw.url(req.path), { method: 'POST', headers: req.headers, body: req.body });
    assert.equal(r.status, 200, `${dialect}: ${r.text.slice(0, 500)}`);
    assert.equal(up.requests.length, 1, `${dialect}: one upstream request`);
    return { sent: up.requests[0], answer: d.read(r.text, stream) };
  }

  for (const dialect of Object.keys(DIALECTS)) {
    for (const stream of [false, true]) {
      const mode = stream ? 'streaming' : 'non-streaming';
      const tool = DIALECTS[dialect].tools;

      test(`${dialect}, ${mode}: no corpus secret reaches the upstream; the client gets them all back`, async () => {
        const { sent, answer } = await ask(dialect, { system: SYSTEM, user: USER, stream, tool, chunk: 7 });
        assert.deepEqual(leakedSecrets(sent, corpus), [], 'secrets that reached the upstream');
        assert.match(sent.rawBody, /\[\[GATEOS:[a-z0-9_]+:[a-z2-7]{6}\]\]/);
        assert.ok(answer.text === `Echo: ${USER}`, `${dialect}: the echoed text differs after restoration`);
        if (tool) assert.equal(answer.args?.content, USER, `${dialect}: tool-call arguments differ after restoration`);
      });

      test(`${dialect}, ${mode}: placeholders split at every offset are restored`, async () => {
        // chunk 1: every placeholder arrives cut at every one of its offsets,
        // in the text and in the tool-call argument deltas.
        const { sent, answer } = await ask(dialect, { system: 'be brief', user: SHORT, stream, tool, chunk: 1 });
        assert.deepEqual(leakedSecrets(sent, SHORT_SECRETS), []);
        assert.equal(answer.text, `Echo: ${SHORT}`);
        if (tool) assert.equal(answer.args?.content, SHORT);
      });
    }
  }

  test('history, tool calls and tool results: redacted everywhere, same placeholder for the same secret', async () => {
    const [a, b, c] = corpus.filter((e) => !e.secret.includes('\n')).slice(30, 33);
    const body = {
      model: 'up/gpt-test',
      messages: [
        { role: 'system', content: `ops bot; key ${a.secret}` },
        { role: 'user', content: `store ${a.secret} and ${b.secret}` },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'store', arguments: JSON.stringify({ value: b.secret, other: c.secret }) } }] },
        { role: 'tool', tool_call_id: 'call_1', content: `stored ${c.secret} ok` },
        { role: 'user', content: `now print ${a.secret}` },
      ],
    };
    up.next(echoHandler({}));
    const r = await request(gw.url('/v1/chat/completions'), { method: 'POST', key: gw.key, body });
    assert.equal(r.status, 200, r.text);
    const sent = up.requests[0];
    assert.deepEqual(leakedSecrets(sent, [a, b, c]), []);
    const placeholders = (s) => s.match(/\[\[GATEOS:[a-z0-9_]+:[a-z2-7]{6}\]\]/g) ?? [];
    const [pa] = placeholders(sent.body.messages.at(-1).content);
    assert.ok(pa, 'the last user message holds a placeholder');
    assert.ok(sent.body.messages[0].content.includes(pa), 'the system prompt uses the same placeholder for the same secret');
    assert.ok(sent.body.messages[1].content.includes(pa));
    const args = JSON.parse(sent.body.messages[2].tool_calls[0].function.arguments);
    assert.equal(placeholders(args.value).length, 1, 'tool-call arguments are redacted and stay valid JSON');
    assert.equal(placeholders(sent.body.messages[3].content).length, 1, 'tool results are redacted');
    assert.equal(JSON.parse(r.text).choices[0].message.content, `Echo: now print ${a.secret}`);
  });
});
