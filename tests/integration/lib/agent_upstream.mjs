// A fake model provider for real coding agents, on 127.0.0.1:0, speaking one
// dialect: 'chat' (POST /v1/chat/completions), 'responses' (POST /v1/responses)
// or 'anthropic' (POST /v1/messages). Every request is recorded.
//
// Script of one agent turn: a request that offers tools and carries no tool
// result yet is answered with ONE tool call (the tool chosen by `pickTool`,
// its arguments built from the tool's JSON schema); every other request
// (after the tool result, or without tools: title generation …) is answered
// with the text `${doneText} <n>`. Always streamed as the dialect's SSE (the
// agents always stream), or as JSON when the request says stream: false.
//
//   const up = await startAgentUpstream('responses', {toolPreference: ['exec_command'], args: {cmd: 'echo hi'}});
//   up.origin, up.requests, up.toolCalls (what was asked), up.toolResults (what came back)
import http from 'node:http';

export const kDoneText = 'GATEOS-AGENT-DONE';

const sse = (obj, event) => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(obj)}\n\n`;

function toolName(dialect, tool) {
  if (dialect === 'chat') return tool.function?.name;
  return tool.name;
}

function toolSchema(dialect, tool) {
  if (dialect === 'chat') return tool.function?.parameters ?? {};
  if (dialect === 'anthropic') return tool.input_schema ?? {};
  return tool.parameters ?? {};
}

// The tool result of the conversation, if the agent sent one.
function toolResultOf(dialect, body) {
  if (dialect === 'chat') {
    const m = (body.messages ?? []).find((x) => x.role === 'tool');
    return m ? (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)) : undefined;
  }
  if (dialect === 'responses') {
    const item = (Array.isArray(body.input) ? body.input : []).find((x) => x.type === 'function_call_output');
    return item ? (typeof item.output === 'string' ? item.output : JSON.stringify(item.output)) : undefined;
  }
  for (const m of body.messages ?? []) {
    if (!Array.isArray(m.content)) continue;
    const block = m.content.find((b) => b.type === 'tool_result');
    if (block) return typeof block.content === 'string' ? block.content : JSON.stringify(block.content);
  }
  return undefined;
}

class AgentUpstream {
  constructor(dialect, { toolPreference = [], args = {} }) {
    this.dialect = dialect;
    this.toolPreference = toolPreference;
    this.args = args;
    this.requests = [];
    this.toolCalls = [];
    this.toolResults = [];
    this.sockets_ = new Set();
    this.server_ = http.createServer((req, res) => this.onRequest_(req, res));
    this.server_.on('connection', (s) => {
      this.sockets_.add(s);
      s.on('close', () => this.sockets_.delete(s));
    });
  }

  async listen() {
    await new Promise((resolve) => this.server_.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${this.server_.address().port}`;
    return this;
  }

  async close() {
    for (const s of this.sockets_) s.destroy();
    await new Promise((resolve) => this.server_.close(() => resolve()));
  }

  pickTool_(tools) {
    const names = tools.map((t) => toolName(this.dialect, t));
    for (const wanted of this.toolPreference) {
      const i = names.indexOf(wanted);
      if (i >= 0) return tools[i];
    }
    return undefined;
  }

  // Arguments from the schema: the test's values by property name, else a string.
  argsFor_(tool) {
    const schema = toolSchema(this.dialect, tool);
    const out = {};
    for (const name of schema.required ?? []) out[name] = this.args[name] ?? 'x';
    for (const [name, value] of Object.entries(this.args)) if (schema.properties?.[name]) out[name] = value;
    return out;
  }

  onRequest_(req, res) {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body = {};
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        body = {};
      }
      const url = new URL(req.url, 'http://x');
      this.requests.push({ method: req.method, path: url.pathname, headers: { ...req.headers }, body });
      const expected = { chat: '/v1/chat/completions', responses: '/v1/responses', anthropic: '/v1/messages' }[this.dialect];
      if (req.method !== 'POST' || url.pathname !== expected) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { message: `agent upstream (${this.dialect}): no ${req.method} ${url.pathname}` } }));
      }
      const result = toolResultOf(this.dialect, body);
      if (result !== undefined) this.toolResults.push(result);
      const tool = result === undefined && Array.isArray(body.tools) ? this.pickTool_(body.tools) : undefined;
      const n = this.requests.length;
      if (tool) {
        const call = { name: toolName(this.dialect, tool), args: this.argsFor_(tool) };
        this.toolCalls.push(call);
        return this.answer_(res, body, { call, n });
      }
      return this.answer_(res, body, { text: `${kDoneText} ${n}`, n });
    });
  }

  answer_(res, body, answer) {
    const stream = body.stream !== false && (this.dialect !== 'chat' || body.stream === true);
    const frames = { chat: chatFrames, responses: responsesFrames, anthropic: anthropicFrames }[this.dialect](body, answer);
    if (!stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(frames.whole));
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const f of frames.events) res.write(f);
    res.end();
  }
}

function chatFrames(body, { call, text, n }) {
  const base = { id: `chatcmpl-${n}`, object: 'chat.completion.chunk', created: 1700000000, model: body.model };
  const usage = { prompt_tokens: 30, completion_tokens: 7, total_tokens: 37 };
  const events = [];
  const args = call ? JSON.stringify(call.args) : '';
  if (call) {
    events.push(sse({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: `call_${n}`, type: 'function', function: { name: call.name, arguments: '' } }] }, finish_reason: null }] }));
    for (let i = 0; i < args.length; i += 8) events.push(sse({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: args.slice(i, i + 8) } }] }, finish_reason: null }] }));
  } else {
    events.push(sse({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: text.slice(0, 6) }, finish_reason: null }] }));
    events.push(sse({ ...base, choices: [{ index: 0, delta: { content: text.slice(6) }, finish_reason: null }] }));
  }
  events.push(sse({ ...base, choices: [{ index: 0, delta: {}, finish_reason: call ? 'tool_calls' : 'stop' }] }));
  if (body.stream_options?.include_usage) events.push(sse({ ...base, choices: [], usage }));
  events.push('data: [DONE]\n\n');
  const message = call
    ? { role: 'assistant', content: null, tool_calls: [{ id: `call_${n}`, type: 'function', function: { name: call.name, arguments: args } }] }
    : { role: 'assistant', content: text };
  return { events, whole: { id: `chatcmpl-${n}`, object: 'chat.completion', created: 1700000000, model: body.model, choices: [{ index: 0, message, finish_reason: call ? 'tool_calls' : 'stop' }], usage } };
}

function responsesFrames(body, { call, text, n }) {
  let seq = 0;
  const ev = (obj) => sse({ ...obj, sequence_number: seq++ }, obj.type);
  const id = `resp_${n}`;
  const usage = { input_tokens: 30, input_tokens_details: { cached_tokens: 0 }, output_tokens: 7, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 37 };
  const shell = { id, object: 'response', created_at: 1700000000, model: body.model, status: 'in_progress', output: [] };
  const events = [ev({ type: 'response.created', response: shell }), ev({ type: 'response.in_progress', response: shell })];
  let item;
  if (call) {
    const args = JSON.stringify(call.args);
    item = { type: 'function_call', id: `fc_${n}`, call_id: `call_${n}`, name: call.name, arguments: args, status: 'completed' };
    events.push(ev({ type: 'response.output_item.added', output_index: 0, item: { ...item, arguments: '', status: 'in_progress' } }));
    for (let i = 0; i < args.length; i += 8) events.push(ev({ type: 'response.function_call_arguments.delta', item_id: item.id, output_index: 0, delta: args.slice(i, i + 8) }));
    events.push(ev({ type: 'response.function_call_arguments.done', item_id: item.id, output_index: 0, arguments: args }));
  } else {
    item = { type: 'message', id: `msg_${n}`, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] };
    events.push(ev({ type: 'response.output_item.added', output_index: 0, item: { ...item, status: 'in_progress', content: [] } }));
    events.push(ev({ type: 'response.content_part.added', item_id: item.id, output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }));
    events.push(ev({ type: 'response.output_text.delta', item_id: item.id, output_index: 0, content_index: 0, delta: text }));
    events.push(ev({ type: 'response.output_text.done', item_id: item.id, output_index: 0, content_index: 0, text }));
    events.push(ev({ type: 'response.content_part.done', item_id: item.id, output_index: 0, content_index: 0, part: item.content[0] }));
  }
  events.push(ev({ type: 'response.output_item.done', output_index: 0, item }));
  const done = { ...shell, status: 'completed', output: [item], usage };
  events.push(ev({ type: 'response.completed', response: done }));
  return { events, whole: done };
}

function anthropicFrames(body, { call, text, n }) {
  const block = call ? { type: 'tool_use', id: `toolu_${n}`, name: call.name, input: call.args } : { type: 'text', text };
  const message = { id: `msg_${n}`, type: 'message', role: 'assistant', model: body.model, content: [block], stop_reason: call ? 'tool_use' : 'end_turn', stop_sequence: null, usage: { input_tokens: 30, output_tokens: 7 } };
  const events = [sse({ type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 30, output_tokens: 1 } } }, 'message_start')];
  if (call) {
    events.push(sse({ type: 'content_block_start', index: 0, content_block: { ...block, input: {} } }, 'content_block_start'));
    const json = JSON.stringify(call.args);
    for (let i = 0; i < json.length; i += 8) events.push(sse({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: json.slice(i, i + 8) } }, 'content_block_delta'));
  } else {
    events.push(sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'));
    events.push(sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }, 'content_block_delta'));
  }
  events.push(sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'));
  events.push(sse({ type: 'message_delta', delta: { stop_reason: message.stop_reason, stop_sequence: null }, usage: { output_tokens: 7 } }, 'message_delta'));
  events.push(sse({ type: 'message_stop' }, 'message_stop'));
  return { events, whole: message };
}

export async function startAgentUpstream(dialect, options = {}) {
  return new AgentUpstream(dialect, options).listen();
}
