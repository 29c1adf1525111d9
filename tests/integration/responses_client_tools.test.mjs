// A Codex-shaped Responses client's namespace (MCP) and freeform (custom,
// e.g. apply_patch) tools through the real gateway to an Anthropic and a Chat
// Completions upstream: the tools become function tools there, the model's
// calls come back as function_call items with their namespace / as
// custom_tool_call items (streamed and whole, arguments in pieces), the next
// turn's history items go out under the same names, and built-in tools the
// provider cannot run (web_search) are left out visibly: response header,
// warning in the log, counter in /metrics.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway } from './lib/gateway.mjs';
import { request, waitFor } from './lib/client.mjs';
import { startScriptedUpstream, sendJson, sendSse, sseFrame } from './lib/scripted_upstream.mjs';

const tools = [
  { type: 'function', name: 'exec_command', description: 'Run a command', strict: false, parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] } },
  {
    type: 'namespace', name: 'github', description: 'GitHub MCP server',
    tools: [{ type: 'function', name: 'create_issue', description: 'Open an issue', strict: false, parameters: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] } }],
  },
  { type: 'custom', name: 'apply_patch', description: 'Edit files with a patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: begin_patch hunk+ end_patch' } },
  { type: 'web_search', external_web_access: false },
];
const patch = '*** Begin Patch\n*** Update File: a.txt\n@@\n-old\n+new\n*** End Patch';

// Parses a Responses SSE body into [{event, data}].
function responsesEvents(text) {
  return text.split('\n\n').filter((f) => f.trim()).map((frame) => {
    const lines = frame.split('\n');
    return { event: lines.find((l) => l.startsWith('event: '))?.slice(7), data: JSON.parse(lines.find((l) => l.startsWith('data: ')).slice(6)) };
  });
}

// An Anthropic stream calling the two renamed tools, each input in pieces.
function anthropicCallsFrames() {
  const frames = [sseFrame({ type: 'message_start', message: { id: 'msg_t1', type: 'message', role: 'assistant', model: 'claude-x', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 30, output_tokens: 1 } } })];
  const call = (index, id, name, pieces) => {
    frames.push(sseFrame({ type: 'content_block_start', index, content_block: { type: 'tool_use', id, name, input: {} } }));
    for (const p of pieces) frames.push(sseFrame({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: p } }));
    frames.push(sseFrame({ type: 'content_block_stop', index }));
  };
  call(0, 'toolu_ns', 'github__create_issue', ['{"ti', 'tle": "Cra', 'sh on start"}']);
  const patchJson = JSON.stringify({ input: patch });
  call(1, 'toolu_cu', 'apply_patch', [patchJson.slice(0, 7), patchJson.slice(7, 30), patchJson.slice(30)]);
  frames.push(sseFrame({ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 40 } }));
  frames.push(sseFrame({ type: 'message_stop' }));
  return frames;
}

// A Chat Completions stream calling both renamed tools (tool indexes 0 and 1), arguments in pieces.
function chatCallsFrames() {
  const base = { id: 'chatcmpl-t', object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-test' };
  const chunk = (delta, finish = null) => sseFrame({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] }, null);
  const start = (index, id, name) => chunk({ tool_calls: [{ index, id, type: 'function', function: { name, arguments: '' } }] });
  const piece = (index, p) => chunk({ tool_calls: [{ index, function: { arguments: p } }] });
  const patchJson = JSON.stringify({ input: patch });
  return [
    chunk({ role: 'assistant', content: null }),
    start(0, 'toolu_ns', 'github__create_issue'), piece(0, '{"title"'), piece(0, ':"Crash on start"}'),
    start(1, 'toolu_cu', 'apply_patch'), piece(1, patchJson.slice(0, 9)), piece(1, patchJson.slice(9, 25)), piece(1, patchJson.slice(25)),
    chunk({}, 'tool_calls'),
    sseFrame({ ...base, choices: [], usage: { prompt_tokens: 30, completion_tokens: 40, total_tokens: 70 } }, null),
    'data: [DONE]\n\n',
  ];
}

const anthropicCallsMessage = () => ({
  id: 'msg_t2', type: 'message', role: 'assistant', model: 'claude-x', stop_reason: 'tool_use', stop_sequence: null,
  content: [
    { type: 'tool_use', id: 'toolu_ns', name: 'github__create_issue', input: { title: 'Crash on start' } },
    { type: 'tool_use', id: 'toolu_cu', name: 'apply_patch', input: { input: patch } },
  ],
  usage: { input_tokens: 30, output_tokens: 40 },
});

// The next turn (store: false): both calls replayed with their outputs.
const secondTurnInput = [
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'file the bug and fix it' }] },
  { type: 'function_call', call_id: 'toolu_ns', namespace: 'github', name: 'create_issue', arguments: '{"title":"Crash on start"}' },
  { type: 'function_call_output', call_id: 'toolu_ns', output: 'opened #7' },
  { type: 'custom_tool_call', call_id: 'toolu_cu', name: 'apply_patch', input: patch },
  { type: 'custom_tool_call_output', call_id: 'toolu_cu', output: 'Done!' },
];

function checkCalls(items) {
  const [ns, custom] = items;
  assert.equal(ns.type, 'function_call');
  assert.equal(ns.namespace, 'github');
  assert.equal(ns.name, 'create_issue');
  assert.equal(ns.call_id, 'toolu_ns');
  assert.deepEqual(JSON.parse(ns.arguments), { title: 'Crash on start' });
  assert.equal(custom.type, 'custom_tool_call');
  assert.equal(custom.name, 'apply_patch');
  assert.equal(custom.call_id, 'toolu_cu');
  assert.equal(custom.input, patch);
}

function checkOmitted(r) {
  assert.equal(r.headers.get('x-gateos-omitted-tools'), 'web_search');
}

describe('Responses namespace and custom tools to other dialects', { timeout: 60000 }, () => {
  let anthropicUp;
  let chatUp;
  let gw;
  before(async () => {
    [anthropicUp, chatUp] = await Promise.all([startScriptedUpstream(), startScriptedUpstream()]);
    gw = await startGateway({
      config: {
        providers: {
          claude: { driver: 'drivers.anthropic', api_key: 'sk-ant', options: { base_url: anthropicUp.origin, models: ['claude-x'] } },
          chat: { driver: 'drivers.openai', api_key: 'sk-chat', options: { base_url: chatUp.baseUrl, models: ['gpt-test'] } },
        },
      },
    });
  });
  after(async () => {
    await gw?.stop();
    await Promise.all([anthropicUp?.close(), chatUp?.close()]);
  });
  beforeEach(() => {
    anthropicUp.reset();
    chatUp.reset();
  });

  const responses = (body) => request(gw.url('/v1/responses'), { method: 'POST', key: gw.key, body });

  test('to Anthropic, streamed: flattened tools out, namespace / custom calls back', async () => {
    anthropicUp.next((rec, res) => sendSse(res, anthropicCallsFrames()));
    const r = await responses({ model: 'claude/claude-x', input: 'file the bug and fix it', tools, tool_choice: 'auto', stream: true, store: false });
    assert.equal(r.status, 200, r.text);
    checkOmitted(r);
    const sent = anthropicUp.requests[0].body;
    assert.deepEqual(sent.tools.map((t) => t.name), ['exec_command', 'github__create_issue', 'apply_patch']);
    assert.deepEqual(sent.tools[1].input_schema, tools[1].tools[0].parameters);
    assert.deepEqual(sent.tools[2].input_schema.required, ['input']);
    assert.equal(sent.tools[2].input_schema.properties.input.type, 'string');
    assert.ok(sent.tools[2].input_schema.properties.input.description.includes('start: begin_patch'), 'the grammar reaches the model');

    const events = responsesEvents(r.text);
    checkCalls(events.filter((e) => e.event === 'response.output_item.done').map((e) => e.data.item));
    const added = events.filter((e) => e.event === 'response.output_item.added').map((e) => e.data.item);
    assert.equal(added[0].namespace, 'github');
    assert.equal(added[1].type, 'custom_tool_call');
    assert.equal(events.find((e) => e.event === 'response.custom_tool_call_input.done').data.input, patch);
    const completed = events.at(-1);
    assert.equal(completed.event, 'response.completed');
    checkCalls(completed.data.response.output);
  });

  test('to Anthropic, whole: the same items; the next turn replays them under the flattened names', async () => {
    anthropicUp.next((rec, res) => sendJson(res, 200, anthropicCallsMessage()));
    const r = await responses({ model: 'claude/claude-x', input: 'file the bug and fix it', tools });
    assert.equal(r.status, 200, r.text);
    checkOmitted(r);
    checkCalls(r.json.output);

    anthropicUp.next((rec, res) => sendJson(res, 200, { ...anthropicCallsMessage(), stop_reason: 'end_turn', content: [{ type: 'text', text: 'Filed #7 and fixed it.' }] }));
    const second = await responses({ model: 'claude/claude-x', input: secondTurnInput, tools });
    assert.equal(second.status, 200, second.text);
    const msgs = anthropicUp.requests[1].body.messages;
    assert.deepEqual(msgs[1], { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_ns', name: 'github__create_issue', input: { title: 'Crash on start' } }] });
    assert.equal(msgs[2].content[0].tool_use_id, 'toolu_ns');
    assert.deepEqual(msgs[3], { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_cu', name: 'apply_patch', input: { input: patch } }] });
    assert.equal(msgs[4].content[0].type, 'tool_result');
    assert.equal(msgs[4].content[0].tool_use_id, 'toolu_cu');
    assert.ok(JSON.stringify(msgs[4].content[0]).includes('Done!'));
  });

  test('to Chat Completions, streamed: arguments in pieces, calls back under the client names', async () => {
    chatUp.next((rec, res) => sendSse(res, chatCallsFrames()));
    const r = await responses({ model: 'chat/gpt-test', input: 'file the bug and fix it', tools, stream: true, store: false });
    assert.equal(r.status, 200, r.text);
    checkOmitted(r);
    const sent = chatUp.requests[0].body;
    assert.deepEqual(sent.tools.map((t) => t.function.name), ['exec_command', 'github__create_issue', 'apply_patch']);
    const events = responsesEvents(r.text);
    checkCalls(events.filter((e) => e.event === 'response.output_item.done').map((e) => e.data.item));
  });

  test('to Chat Completions, whole, and the next turn', async () => {
    chatUp.next((rec, res) => sendJson(res, 200, {
      id: 'chatcmpl-t', object: 'chat.completion', created: 1700000000, model: 'gpt-test',
      choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content: null, tool_calls: [
        { id: 'toolu_ns', type: 'function', function: { name: 'github__create_issue', arguments: '{"title":"Crash on start"}' } },
        { id: 'toolu_cu', type: 'function', function: { name: 'apply_patch', arguments: JSON.stringify({ input: patch }) } },
      ] } }],
      usage: { prompt_tokens: 30, completion_tokens: 40, total_tokens: 70 },
    }));
    const r = await responses({ model: 'chat/gpt-test', input: 'file the bug and fix it', tools });
    assert.equal(r.status, 200, r.text);
    checkOmitted(r);
    checkCalls(r.json.output);

    chatUp.next((rec, res) => sendJson(res, 200, {
      id: 'chatcmpl-u', object: 'chat.completion', created: 1700000000, model: 'gpt-test',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Filed #7 and fixed it.' } }],
      usage: { prompt_tokens: 50, completion_tokens: 8, total_tokens: 58 },
    }));
    const second = await responses({ model: 'chat/gpt-test', input: secondTurnInput, tools });
    assert.equal(second.status, 200, second.text);
    const msgs = chatUp.requests[1].body.messages;
    assert.equal(msgs[1].tool_calls[0].function.name, 'github__create_issue');
    assert.deepEqual(msgs[2], { role: 'tool', tool_call_id: 'toolu_ns', content: 'opened #7' });
    assert.equal(msgs[3].tool_calls[0].function.name, 'apply_patch');
    assert.deepEqual(JSON.parse(msgs[3].tool_calls[0].function.arguments), { input: patch });
    assert.deepEqual(msgs[4], { role: 'tool', tool_call_id: 'toolu_cu', content: 'Done!' });
  });

  test('omitted built-in tools: counted in /metrics and logged by type only', async () => {
    anthropicUp.next((rec, res) => sendJson(res, 200, anthropicCallsMessage()));
    const r = await responses({ model: 'claude/claude-x', input: 'search the web for secret-sauce', tools });
    assert.equal(r.status, 200, r.text);
    const metrics = (await request(`${gw.baseUrl}/metrics`)).text;
    assert.match(metrics, /gateos_translation_omitted_tools_total\{type="web_search"\} [1-9]/);
    await waitFor(() => gw.logs().includes('tools left out'), { what: 'the warning line' });
    const line = gw.logs().split('\n').find((l) => l.includes('tools left out'));
    assert.ok(line.includes('web_search'), line);
    assert.ok(!gw.logs().includes('secret-sauce'), 'nothing the client wrote is logged');
  });

  test('a tool_choice forcing the omitted tool is still refused', async () => {
    const r = await responses({ model: 'claude/claude-x', input: 'search', tools, tool_choice: { type: 'web_search' } });
    assert.equal(r.status, 400, r.text);
    assert.ok(r.json.error.message.includes('web_search'), r.text);
    assert.equal(anthropicUp.requests.length, 0);
  });

  test('a flattened name longer than the provider allows is a 400 naming the tool', async () => {
    const ns = 'n'.repeat(60);
    const r = await responses({ model: 'chat/gpt-test', input: 'hi', tools: [{ type: 'namespace', name: ns, tools: [{ type: 'function', name: 'lookup', parameters: { type: 'object' } }] }] });
    assert.equal(r.status, 400, r.text);
    assert.ok(r.json.error.message.includes(`${ns}.lookup`), r.text);
    assert.equal(chatUp.requests.length, 0);
  });

  test('without built-in tools there is no header', async () => {
    anthropicUp.next((rec, res) => sendJson(res, 200, { ...anthropicCallsMessage(), stop_reason: 'end_turn', content: [{ type: 'text', text: 'hi' }] }));
    const r = await responses({ model: 'claude/claude-x', input: 'hi', tools: [tools[0]] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('x-gateos-omitted-tools'), null);
  });
});
