// stages.secret_redaction through the real gateway (on by default): the
// upstream never receives the secrets, and placeholders the model echoes come
// back to the client as the original values, also when split across chunks.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeUpstream } from './lib/fake_upstream.mjs';
import { startGateway, openaiProvider } from './lib/gateway.mjs';
import { request } from './lib/client.mjs';
import { startScriptedUpstream, sendJson, sendSse, sseFrame } from './lib/scripted_upstream.mjs';

const AWS_KEY = 'AKIAZ7Q3VYT2MLKD4WQR';
const GITHUB_TOKEN = 'ghp_8fK2mQ9xLp4RtV7wZ1nB3cD5eG6hJ0kS2uY4';
const PROMPT = `deploy with aws_access_key_id = ${AWS_KEY}\nand export GITHUB_TOKEN=${GITHUB_TOKEN}`;

describe('secret redaction', { timeout: 60000 }, () => {
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

  const lastUser = (body) => body.messages.filter((m) => m.role === 'user').at(-1).content;

  test('the upstream receives placeholders, never the secrets (non-streaming)', async () => {
    const r = await request(gw.url('/v1/chat/completions'), {
      method: 'POST', key: gw.key,
      body: { model: 'up/gpt-test', messages: [{ role: 'user', content: PROMPT }] },
    });
    assert.equal(r.status, 200, r.text);
    const sent = JSON.stringify(up.chatRequests().at(-1).body);
    assert.ok(!sent.includes(AWS_KEY), 'AWS key reached the upstream');
    assert.ok(!sent.includes(GITHUB_TOKEN), 'GitHub token reached the upstream');
    assert.match(sent, /\[\[GATEOS:/);
  });

  test('echoed placeholders are restored in a stream, split across chunks', async () => {
    // The fake model echoes the (redacted) prompt in 13 small chunks, so
    // placeholders arrive cut at arbitrary offsets.
    up.next({
      type: 'stream',
      chunks: 13,
      content: (i, body) => {
        const text = `Echo: ${lastUser(body)}`;
        const size = Math.ceil(text.length / 13);
        return text.slice(i * size, (i + 1) * size);
      },
    });
    const res = await fetch(gw.url('/v1/chat/completions'), {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'up/gpt-test', stream: true, messages: [{ role: 'user', content: PROMPT }] }),
    });
    assert.equal(res.status, 200);
    const text = await res.text();
    let content = '';
    for (const line of text.split('\n')) {
      if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
      const chunk = JSON.parse(line.slice(6));
      content += chunk.choices?.[0]?.delta?.content ?? '';
    }
    assert.equal(content, `Echo: ${PROMPT}`);
    const sent = JSON.stringify(up.chatRequests().at(-1).body);
    assert.ok(!sent.includes(AWS_KEY) && !sent.includes(GITHUB_TOKEN));
  });

  test('a prompt without secrets passes through untouched', async () => {
    const body = { model: 'up/gpt-test', messages: [{ role: 'user', content: 'refactor this loop please' }], custom_field: 7 };
    const r = await request(gw.url('/v1/chat/completions'), { method: 'POST', key: gw.key, body });
    assert.equal(r.status, 200, r.text);
    const sent = up.chatRequests().at(-1).body;
    assert.equal(sent.custom_field, 7);
    assert.deepEqual(sent.messages, body.messages);
  });
});

describe('secret redaction on OpenAI Responses traffic', { timeout: 60000 }, () => {
  let up;
  let respUp;
  let gw;
  before(async () => {
    up = await startFakeUpstream();
    respUp = await startScriptedUpstream();
    gw = await startGateway({
      config: {
        providers: {
          up: openaiProvider(up),
          resp: { driver: 'drivers.openai', api_key: 'sk-r', options: { base_url: respUp.baseUrl, api: 'responses', models: ['gpt-5'] } },
        },
      },
    });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
    await respUp?.close();
  });
  beforeEach(() => {
    up.reset();
    respUp.reset();
  });

  test('Responses in, Chat Completions out: placeholders upstream, secrets restored in the event stream', async () => {
    up.next({
      type: 'stream',
      chunks: 9,
      content: (i, body) => {
        const text = `Echo: ${body.messages.filter((m) => m.role === 'user').at(-1).content}`;
        const size = Math.ceil(text.length / 9);
        return text.slice(i * size, (i + 1) * size);
      },
    });
    const r = await request(gw.url('/v1/responses'), {
      method: 'POST', key: gw.key,
      body: { model: 'up/gpt-test', stream: true, input: PROMPT },
    });
    assert.equal(r.status, 200, r.text);
    const sent = JSON.stringify(up.chatRequests().at(-1).body);
    assert.ok(!sent.includes(AWS_KEY) && !sent.includes(GITHUB_TOKEN), 'a secret reached the upstream');
    assert.match(sent, /\[\[GATEOS:/);
    let deltas = '';
    let done;
    for (const frame of r.text.split('\n\n')) {
      const data = frame.split('\n').find((l) => l.startsWith('data: '));
      if (!data) continue;
      const ev = JSON.parse(data.slice(6));
      if (ev.type === 'response.output_text.delta') deltas += ev.delta;
      if (ev.type === 'response.output_item.done') done = ev.item.content[0].text;
    }
    assert.equal(deltas, `Echo: ${PROMPT}`);
    assert.equal(done, `Echo: ${PROMPT}`);
  });

  test('Responses in and out: redacted, re-encoded with every other field kept', async () => {
    respUp.next((rec, res) => sendSse(res, [
      sseFrame({ type: 'response.created', response: { id: 'resp_1', model: 'gpt-5' } }),
      sseFrame({ type: 'response.output_text.delta', output_index: 0, delta: 'ok' }),
      sseFrame({ type: 'response.completed', response: { id: 'resp_1', usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } } }),
    ]));
    const r = await request(gw.url('/v1/responses'), {
      method: 'POST', key: gw.key,
      body: {
        model: 'resp/gpt-5', stream: true, store: false, prompt_cache_key: 'k1', client_metadata: { cwd: '/w' },
        include: ['reasoning.encrypted_content'],
        input: [
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: PROMPT }] },
          { type: 'reasoning', summary: [], encrypted_content: 'gAAA-opaque' },
        ],
      },
    });
    assert.equal(r.status, 200, r.text);
    const sent = respUp.requests[0];
    assert.ok(!sent.rawBody.includes(AWS_KEY) && !sent.rawBody.includes(GITHUB_TOKEN), 'a secret reached the upstream');
    assert.equal(sent.body.prompt_cache_key, 'k1');
    assert.deepEqual(sent.body.client_metadata, { cwd: '/w' });
    assert.deepEqual(sent.body.include, ['reasoning.encrypted_content']);
    assert.equal(sent.body.store, false);
    assert.deepEqual(sent.body.input.at(-1), { type: 'reasoning', summary: [], encrypted_content: 'gAAA-opaque' });
    assert.match(r.text, /response\.completed/);
  });
});

// Anthropic in and out is the pass-through path: only the raw-body check
// stands between the client's bytes and the provider. A structured tool input
// is laid out however the client likes (here: line breaks between tokens);
// the check must still see `"api_key":"…"` the way onRequest does.
describe('secret redaction on Anthropic traffic with structured tool inputs', { timeout: 60000 }, () => {
  let up;
  let gw;
  before(async () => {
    up = await startScriptedUpstream();
    gw = await startGateway({
      config: { providers: { claude: { driver: 'drivers.anthropic', api_key: 'sk-a', options: { base_url: up.baseUrl, models: ['claude-x'] } } } },
    });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });

  const SECRET = 'Zq8vN3kLp2Xw7Rt5Ym4Bc9Df6Gh1Jk0';
  const layouts = {
    compact: `{"api_key":"${SECRET}"}`,
    'line breaks between tokens': `{\n  "api_key"\n  :\n    "${SECRET}"\n}`,
    'CRLF and tabs': `{\r\n\t"api_key":\t"${SECRET}"\r\n}`,
  };
  for (const [layout, input] of Object.entries(layouts)) {
    test(`a secret in a tool_use input (${layout}) never reaches the provider`, async () => {
      up.reset();
      up.next((rec, res) => sendJson(res, 200, {
        id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-x', content: [{ type: 'text', text: 'deployed' }],
        stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 },
      }));
      const body = `{"model":"claude/claude-x","max_tokens":100,"messages":[{"role":"user","content":"deploy"},` +
        `{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"deploy","input":${input}}]},` +
        '{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"ok"}]}]}';
      const r = await request(gw.url('/v1/messages'), {
        method: 'POST', headers: { 'x-api-key': gw.key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }, body,
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(up.requests.length, 1);
      assert.ok(!up.requests[0].rawBody.includes(SECRET), `the secret reached the provider: ${up.requests[0].rawBody}`);
      assert.match(up.requests[0].rawBody, /\[\[GATEOS:[a-z0-9_]+:[a-z2-7]{6}\]\]/);
    });
  }
});
