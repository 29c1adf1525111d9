// Embeddings through the real gateway: POST /v1/embeddings (OpenAI format, with
// the official openai SDK, float and base64) and Ollama's /api/embed and
// /api/embeddings, to a fake OpenAI embeddings upstream and to the mock driver.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startFakeUpstream, fakeEmbedding } from './lib/fake_upstream.mjs';
import { startGateway, openaiProvider } from './lib/gateway.mjs';
import { request } from './lib/client.mjs';

const decodeBase64 = (text) => Array.from(new Float32Array(new Uint8Array(Buffer.from(text, 'base64')).buffer));

describe('embeddings', { timeout: 60000 }, () => {
  let up;
  let gw;
  let client;
  before(async () => {
    up = await startFakeUpstream();
    gw = await startGateway({
      config: {
        providers: { up: openaiProvider(up, { models: ['text-embedding-3-small', 'gpt-test'] }) },
        aliases: { embedder: 'up/text-embedding-3-small' },
      },
    });
    client = new OpenAI({ baseURL: gw.url('/v1'), apiKey: gw.key, maxRetries: 0 });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });

  test('openai SDK default (base64 on the wire) to an OpenAI upstream, decoded by the SDK', async () => {
    up.reset();
    const r = await client.embeddings.create({ model: 'up/text-embedding-3-small', input: ['hello', 'hi'] });
    assert.equal(r.object, 'list');
    assert.equal(r.model, 'up/text-embedding-3-small');
    assert.deepEqual(r.data.map((d) => d.embedding), [fakeEmbedding('hello', 0), fakeEmbedding('hi', 1)]);
    assert.equal(r.usage.prompt_tokens, 6);
    const sent = up.embeddingRequests().at(-1);
    assert.equal(sent.body.model, 'text-embedding-3-small');
    assert.equal(sent.body.encoding_format, 'base64');
    assert.equal(sent.headers.authorization, 'Bearer sk-upstream-secret', 'the provider key, never the gateway key');
  });

  test('explicit float and base64 answers carry the same vectors', async () => {
    const asFloat = await request(gw.url('/v1/embeddings'), {
      method: 'POST', key: gw.key, body: { model: 'embedder', input: 'abc', encoding_format: 'float' },
    });
    assert.equal(asFloat.status, 200, asFloat.text);
    assert.deepEqual(asFloat.json.data[0].embedding, fakeEmbedding('abc', 0));
    assert.equal(up.embeddingRequests().at(-1).body.encoding_format, 'float');
    const asBase64 = await request(gw.url('/v1/embeddings'), {
      method: 'POST', key: gw.key, body: { model: 'embedder', input: 'abc', encoding_format: 'base64' },
    });
    assert.equal(asBase64.status, 200, asBase64.text);
    assert.equal(typeof asBase64.json.data[0].embedding, 'string');
    assert.deepEqual(decodeBase64(asBase64.json.data[0].embedding), fakeEmbedding('abc', 0));
  });

  test('token-array input is forwarded as tokens', async () => {
    const r = await client.embeddings.create({ model: 'up/text-embedding-3-small', input: [1, 2, 3], encoding_format: 'float' });
    assert.deepEqual(r.data[0].embedding, fakeEmbedding([1, 2, 3], 0));
    assert.deepEqual(up.embeddingRequests().at(-1).body.input, [1, 2, 3]);
  });

  test('mock driver: deterministic unit vectors, dimensions honoured, float equals base64', async () => {
    const a = await client.embeddings.create({ model: 'mock/echo', input: ['same', 'other', 'same'], dimensions: 16 });
    assert.equal(a.data.length, 3);
    assert.equal(a.data[0].embedding.length, 16);
    assert.deepEqual(a.data[0].embedding, a.data[2].embedding);
    assert.notDeepEqual(a.data[0].embedding, a.data[1].embedding);
    const norm = Math.sqrt(a.data[0].embedding.reduce((s, v) => s + v * v, 0));
    assert.ok(Math.abs(norm - 1) < 1e-5, `unit length, got ${norm}`);
    const f = await client.embeddings.create({ model: 'mock/echo', input: 'same', dimensions: 16, encoding_format: 'float' });
    // JSON numbers are the shortest text of each float32: rounded to float32
    // they are bit-identical to the base64 answer.
    assert.deepEqual(f.data[0].embedding.map(Math.fround), a.data[0].embedding, 'float text reads back to the exact float32 values');
  });

  test('Ollama /api/embed and legacy /api/embeddings', async () => {
    const headers = { authorization: `Bearer ${gw.key}` };
    const embed = await request(gw.url('/api/embed'), { method: 'POST', headers, body: { model: 'up/text-embedding-3-small', input: ['x', 'yy'] } });
    assert.equal(embed.status, 200, embed.text);
    assert.equal(embed.json.model, 'up/text-embedding-3-small');
    assert.deepEqual(embed.json.embeddings, [fakeEmbedding('x', 0), fakeEmbedding('yy', 1)]);
    assert.equal(embed.json.prompt_eval_count, 6);
    const legacy = await request(gw.url('/api/embeddings'), { method: 'POST', headers, body: { model: 'mock/echo', prompt: 'same' } });
    assert.equal(legacy.status, 200, legacy.text);
    const viaOpenAi = await client.embeddings.create({ model: 'mock/echo', input: 'same', encoding_format: 'float' });
    assert.deepEqual(legacy.json.embedding, viaOpenAi.data[0].embedding, 'one vector per input across dialects');
  });

  test('errors in each dialect: unknown model, bad input, missing key, upstream 429, driver without embeddings', async () => {
    await assert.rejects(client.embeddings.create({ model: 'nope/x', input: 'a' }), (e) => e instanceof OpenAI.NotFoundError);
    const bad = await request(gw.url('/v1/embeddings'), { method: 'POST', key: gw.key, body: { model: 'mock/echo', input: 5 } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.type, 'invalid_request_error');
    assert.match(bad.json.error.message, /input/);
    const noKey = new OpenAI({ baseURL: gw.url('/v1'), apiKey: 'wrong', maxRetries: 0 });
    await assert.rejects(noKey.embeddings.create({ model: 'mock/echo', input: 'a' }), (e) => e instanceof OpenAI.AuthenticationError);

    up.next({ type: 'error', status: 429, body: { error: { message: 'slow down', type: 'rate_limit_error' } }, headers: { 'retry-after': '3' } });
    const limited = await request(gw.url('/v1/embeddings'), { method: 'POST', key: gw.key, body: { model: 'embedder', input: 'a' } });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '3');
    assert.match(limited.json.error.message, /slow down/);

    const ollamaMissing = await request(gw.url('/api/embed'), { method: 'POST', key: gw.key, body: { model: 'nope/x', input: 'a' } });
    assert.equal(ollamaMissing.status, 404);
    assert.deepEqual(Object.keys(ollamaMissing.json), ['error']);
    const ollamaBad = await request(gw.url('/api/embed'), { method: 'POST', key: gw.key, body: { model: 'mock/echo' } });
    assert.equal(ollamaBad.status, 400);
    assert.match(ollamaBad.json.error, /input: required/);
  });
});

describe('embeddings on a driver without them', { timeout: 60000 }, () => {
  let gw;
  before(async () => {
    gw = await startGateway({ config: { providers: { claude: { driver: 'drivers.anthropic', options: { base_url: 'http://127.0.0.1:9', models: ['claude-x'] }, api_key: 'k' } } } });
  });
  after(async () => {
    await gw?.stop();
  });

  test('answers 400 naming the provider', async () => {
    const r = await request(gw.url('/v1/embeddings'), { method: 'POST', key: gw.key, body: { model: 'claude/claude-x', input: 'a' } });
    assert.equal(r.status, 400, r.text);
    assert.match(r.json.error.message, /provider claude: embeddings are not supported by this driver/);
  });
});
