// The official SDKs on both API families through GateOS, to providers of
// their own dialect and of the other one: @anthropic-ai/sdk (messages.create,
// streaming with a tool call, countTokens, error classes) against an Anthropic
// and an OpenAI upstream, and the openai SDK (chat.completions, responses,
// error classes) against an Anthropic upstream. (openai SDK → OpenAI upstreams:
// openai_sdk.test.mjs and responses.test.mjs.)
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { sendJson, sendPieces } from './lib/scripted_upstream.mjs';
import { upstreamAnswer, upstreamError } from './lib/dialect_wire.mjs';
import { startConformanceGateway } from './conformance/conformance_lib.mjs';

const usage = { input: 12, output: 6 };
const textAnswer = { text: 'Hello from upstream ✓', stop: 'stop', usage };
const toolAnswer = { text: 'Checking.', call: { id: 'call_sdk1', name: 'get_weather', pieces: ['{"city":', ' "Paris"}'] }, stop: 'tool', usage };
const tools = [{ name: 'get_weather', description: 'Weather of a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];

function script(up, dialect, answer, stream) {
  up.next((record, res) => {
    const a = upstreamAnswer(dialect, answer, { stream });
    return stream ? sendPieces(res, a.body.split(/(?<=\n)/), a.contentType) : sendJson(res, 200, a.body);
  });
}
function scriptError(up, dialect, kind) {
  const e = upstreamError(dialect, kind);
  up.next((record, res) => sendJson(res, e.status, e.body, e.headers));
}
async function rejects(promise, ErrorClass, check = () => {}) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof ErrorClass, `expected ${ErrorClass.name}, got ${e?.constructor?.name}: ${e?.message}`);
    check(e);
    return;
  }
  assert.fail(`expected ${ErrorClass.name}, got an answer`);
}

describe('official SDKs across dialects', { timeout: 60000 }, () => {
  let up;
  let gw;
  let anthropic;
  let openai;
  before(async () => {
    ({ up, gw } = await startConformanceGateway());
    // The SDK's apiKey is sent as Authorization: Bearer (1.x); base URL without /v1.
    anthropic = new Anthropic({ baseURL: gw.baseUrl, apiKey: gw.key, maxRetries: 0 });
    openai = new OpenAI({ baseURL: `${gw.baseUrl}/v1`, apiKey: gw.key, maxRetries: 0 });
  });
  after(async () => {
    await gw?.stop();
    await up?.close();
  });
  beforeEach(() => up.reset());

  for (const upstream of ['anthropic', 'chat']) {
    const model = upstream === 'anthropic' ? 'ant/up-model' : 'oa/up-model';

    test(`@anthropic-ai/sdk messages.create → ${upstream} upstream`, async () => {
      script(up, upstream, textAnswer, false);
      const msg = await anthropic.messages.create({ model, max_tokens: 100, system: 'be brief', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(msg.type, 'message');
      assert.equal(msg.content[0].text, textAnswer.text);
      assert.equal(msg.stop_reason, 'end_turn');
      assert.equal(msg.usage.input_tokens, 12);
      assert.equal(msg.usage.output_tokens, 6);
      assert.ok(!JSON.stringify(up.requests[0].headers).includes(gw.key));
    });

    test(`@anthropic-ai/sdk messages.stream with a tool call → ${upstream} upstream, then the tool result`, async () => {
      script(up, upstream, toolAnswer, true);
      const stream = anthropic.messages.stream({ model, max_tokens: 100, tools, messages: [{ role: 'user', content: 'weather in Paris?' }] });
      const jsonPieces = [];
      stream.on('inputJson', (piece) => jsonPieces.push(piece));
      const msg = await stream.finalMessage();
      assert.equal(msg.stop_reason, 'tool_use');
      const call = msg.content.find((b) => b.type === 'tool_use');
      assert.equal(call.name, 'get_weather');
      assert.deepEqual(call.input, { city: 'Paris' });
      assert.equal(call.id, 'call_sdk1');
      assert.ok(jsonPieces.length > 1, 'arguments streamed in pieces');
      assert.equal(msg.content.find((b) => b.type === 'text').text, 'Checking.');
      // Round trip: the tool result goes back.
      script(up, upstream, textAnswer, true);
      const next = await anthropic.messages.stream({
        model, max_tokens: 100, tools,
        messages: [{ role: 'user', content: 'weather in Paris?' }, { role: 'assistant', content: msg.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '18 C' }] }],
      }).finalMessage();
      assert.equal(next.content[0].text, textAnswer.text);
      const sent = up.requests[1].body;
      const serialized = JSON.stringify(sent);
      assert.ok(serialized.includes('18 C') && serialized.includes(call.id), 'the tool result reaches the upstream with its id');
    });

    test(`@anthropic-ai/sdk error classes → ${upstream} upstream`, async () => {
      const req = () => anthropic.messages.create({ model, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
      scriptError(up, upstream, 'rate_limit');
      await rejects(req(), Anthropic.RateLimitError, (e) => assert.equal(e.headers.get('retry-after'), '7'));
      scriptError(up, upstream, 'context');
      await rejects(req(), Anthropic.BadRequestError);
      scriptError(up, upstream, 'overloaded');
      await rejects(req(), upstream === 'anthropic' ? Anthropic.OverloadedError : Anthropic.InternalServerError);
      scriptError(up, upstream, 'auth');
      await rejects(req(), Anthropic.AuthenticationError);
    });
  }

  test('@anthropic-ai/sdk: a bad gateway key and an unknown model', async () => {
    const bad = new Anthropic({ baseURL: gw.baseUrl, apiKey: 'gsk_wrong', maxRetries: 0 });
    await rejects(bad.messages.create({ model: 'ant/up-model', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }), Anthropic.AuthenticationError);
    await rejects(anthropic.messages.create({ model: 'nope/x', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }), Anthropic.NotFoundError);
    assert.equal(up.requests.length, 0);
  });

  test('@anthropic-ai/sdk messages.countTokens: Anthropic upstream count, else the estimate', async () => {
    up.next((record, res) => sendJson(res, 200, { input_tokens: 77 }));
    const counted = await anthropic.messages.countTokens({ model: 'ant/up-model', messages: [{ role: 'user', content: 'count me' }] });
    assert.equal(counted.input_tokens, 77);
    const estimated = await anthropic.messages.countTokens({ model: 'oa/up-model', messages: [{ role: 'user', content: 'count me' }] });
    assert.ok(estimated.input_tokens > 0);
    assert.equal(up.requests.length, 1);
  });

  test('openai SDK chat.completions → Anthropic upstream: whole, streamed tool call, error classes', async () => {
    script(up, 'anthropic', textAnswer, false);
    const c = await openai.chat.completions.create({ model: 'ant/up-model', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(c.choices[0].message.content, textAnswer.text);
    assert.equal(c.choices[0].finish_reason, 'stop');
    assert.equal(c.usage.prompt_tokens, 12);
    script(up, 'anthropic', toolAnswer, true);
    const stream = await openai.chat.completions.create({
      model: 'ant/up-model', stream: true, stream_options: { include_usage: true },
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: tools[0].input_schema } }],
      messages: [{ role: 'user', content: 'weather?' }],
    });
    let args = '';
    let pieces = 0;
    let finish;
    let streamedUsage;
    for await (const chunk of stream) {
      if (chunk.usage) streamedUsage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      for (const tc of choice.delta.tool_calls ?? []) {
        if (tc.function?.arguments) {
          args += tc.function.arguments;
          pieces++;
        }
      }
      finish = choice.finish_reason ?? finish;
    }
    assert.deepEqual(JSON.parse(args), { city: 'Paris' });
    assert.ok(pieces > 1);
    assert.equal(finish, 'tool_calls');
    assert.equal(streamedUsage.completion_tokens, 6);
    const req = () => openai.chat.completions.create({ model: 'ant/up-model', messages: [{ role: 'user', content: 'hi' }] });
    scriptError(up, 'anthropic', 'rate_limit');
    await rejects(req(), OpenAI.RateLimitError, (e) => assert.equal(e.headers.get('retry-after'), '7'));
    scriptError(up, 'anthropic', 'context');
    await rejects(req(), OpenAI.BadRequestError, (e) => assert.equal(e.code, 'context_length_exceeded'));
    scriptError(up, 'anthropic', 'overloaded');
    await rejects(req(), OpenAI.InternalServerError);
    scriptError(up, 'anthropic', 'auth');
    await rejects(req(), OpenAI.AuthenticationError);
  });

  test('openai SDK responses → Anthropic upstream: create, stream, error classes', async () => {
    script(up, 'anthropic', textAnswer, false);
    const r = await openai.responses.create({ model: 'ant/up-model', input: 'hi', instructions: 'be brief' });
    assert.equal(r.output_text, textAnswer.text);
    assert.equal(r.usage.output_tokens, 6);
    assert.equal(up.requests[0].body.system, 'be brief');
    script(up, 'anthropic', toolAnswer, true);
    const stream = await openai.responses.create({
      model: 'ant/up-model', input: 'weather?', stream: true,
      tools: [{ type: 'function', name: 'get_weather', parameters: tools[0].input_schema, strict: false }],
    });
    const types = [];
    let completed;
    for await (const ev of stream) {
      types.push(ev.type);
      if (ev.type === 'response.completed') completed = ev.response;
    }
    assert.ok(types.includes('response.function_call_arguments.delta'));
    const call = completed.output.find((o) => o.type === 'function_call');
    assert.equal(call.call_id, 'call_sdk1');
    assert.deepEqual(JSON.parse(call.arguments), { city: 'Paris' });
    const req = () => openai.responses.create({ model: 'ant/up-model', input: 'hi' });
    scriptError(up, 'anthropic', 'rate_limit');
    await rejects(req(), OpenAI.RateLimitError);
    scriptError(up, 'anthropic', 'auth');
    await rejects(req(), OpenAI.AuthenticationError);
    scriptError(up, 'anthropic', 'overloaded');
    await rejects(req(), OpenAI.InternalServerError);
  });
});
