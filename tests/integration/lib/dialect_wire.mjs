// Wire formats of every dialect, for the conformance suite:
//   upstreamAnswer(dialect, answer, {stream})  the bytes a provider of that dialect sends
//   upstreamRoute(dialect)                     the path (regex) a gateway calls it on
//   normalizeUpstreamRequest(dialect, body)    what the gateway asked, dialect-neutral
//   normalizeClientAnswer(dialect, text, {stream}) what the client got, dialect-neutral
//   upstreamError(dialect, kind)               a provider's error of that kind
//
// Upstream dialects: chat (OpenAI Chat Completions), responses (OpenAI
// Responses), anthropic, gemini, ollama. Client dialects: chat, responses,
// anthropic, ollama.
//
// An answer is {text, call?: {id, name, pieces: [argument JSON pieces]}, stop: 'stop'|'length'|'tool',
// usage: {input, output}}. A neutral request is {system: [texts], turns: [{role, items}], tools:
// [{name, description, parameters}], stream, maxTokens}; items are {text} | {image: base64} |
// {call: {id, name, args}} | {result: {id, text}}; consecutive turns of one role are merged and
// tool results form turns of role 'tool'.
import assert from 'node:assert/strict';

export const upstreamDialects = ['chat', 'responses', 'anthropic', 'gemini', 'ollama'];
export const clientDialects = ['chat', 'responses', 'anthropic', 'ollama'];

const sse = (obj, event) => `${event ? `event: ${event}\n` : ''}data: ${typeof obj === 'string' ? obj : JSON.stringify(obj)}\n\n`;
const args = (call) => call.pieces.join('');

// ---- upstream answers ---------------------------------------------------------

export function upstreamRoute(dialect) {
  return {
    chat: /\/v1\/chat\/completions$/,
    responses: /\/v1\/responses$/,
    anthropic: /\/v1\/messages$/,
    gemini: /\/v1beta\/models\/[^/:]+:(generateContent|streamGenerateContent)$/,
    ollama: /\/api\/chat$/,
  }[dialect];
}

/** {status, contentType, body} of a provider answering `answer`. */
export function upstreamAnswer(dialect, answer, { stream }) {
  const make = { chat: chatAnswer, responses: responsesAnswer, anthropic: anthropicAnswer, gemini: geminiAnswer, ollama: ollamaAnswer }[dialect];
  const body = make(answer, stream);
  const contentType = !stream ? 'application/json' : dialect === 'ollama' ? 'application/x-ndjson' : 'text/event-stream';
  return { status: 200, contentType, body };
}

function chatAnswer(a, stream) {
  const finish = { stop: 'stop', length: 'length', tool: 'tool_calls' }[a.stop];
  const usage = { prompt_tokens: a.usage.input, completion_tokens: a.usage.output, total_tokens: a.usage.input + a.usage.output };
  const base = { id: 'chatcmpl-up1', object: 'chat.completion', created: 1700000000, model: 'up-model', system_fingerprint: 'fp_up' };
  if (!stream) {
    const message = { role: 'assistant', content: a.text || null, refusal: null };
    if (a.call) message.tool_calls = [{ id: a.call.id, type: 'function', function: { name: a.call.name, arguments: args(a.call) } }];
    return JSON.stringify({ ...base, choices: [{ index: 0, message, logprobs: null, finish_reason: finish }], usage });
  }
  const chunk = { ...base, object: 'chat.completion.chunk' };
  const frames = [sse({ ...chunk, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] })];
  for (const piece of textPieces(a.text)) frames.push(sse({ ...chunk, choices: [{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }] }));
  if (a.call) {
    frames.push(sse({ ...chunk, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: a.call.id, type: 'function', function: { name: a.call.name, arguments: '' } }] }, finish_reason: null }] }));
    for (const p of a.call.pieces) frames.push(sse({ ...chunk, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: p } }] }, finish_reason: null }] }));
  }
  frames.push(sse({ ...chunk, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: finish }] }));
  frames.push(sse({ ...chunk, choices: [], usage }));
  frames.push(sse('[DONE]'));
  return frames.join('');
}

function responsesAnswer(a, stream) {
  const usage = { input_tokens: a.usage.input, input_tokens_details: { cached_tokens: 0 }, output_tokens: a.usage.output, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: a.usage.input + a.usage.output };
  const message = a.text ? { id: 'msg_up1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: a.text, annotations: [] }] } : null;
  const call = a.call ? { id: 'fc_up1', type: 'function_call', status: 'completed', call_id: a.call.id, name: a.call.name, arguments: args(a.call) } : null;
  const output = [message, call].filter(Boolean);
  const incomplete = a.stop === 'length';
  const response = (status, out, u) => ({
    id: 'resp_up1', object: 'response', created_at: 1700000000, status, model: 'up-model', output: out,
    incomplete_details: incomplete && status !== 'in_progress' ? { reason: 'max_output_tokens' } : null, usage: u,
  });
  if (!stream) return JSON.stringify(response(incomplete ? 'incomplete' : 'completed', output, usage));
  const events = [];
  const ev = (obj) => events.push({ ...obj, sequence_number: events.length });
  ev({ type: 'response.created', response: response('in_progress', [], null) });
  ev({ type: 'response.in_progress', response: response('in_progress', [], null) });
  let index = 0;
  if (message) {
    ev({ type: 'response.output_item.added', output_index: index, item: { ...message, status: 'in_progress', content: [] } });
    ev({ type: 'response.content_part.added', item_id: message.id, output_index: index, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
    for (const piece of textPieces(a.text)) ev({ type: 'response.output_text.delta', item_id: message.id, output_index: index, content_index: 0, delta: piece });
    ev({ type: 'response.output_text.done', item_id: message.id, output_index: index, content_index: 0, text: a.text });
    ev({ type: 'response.content_part.done', item_id: message.id, output_index: index, content_index: 0, part: message.content[0] });
    ev({ type: 'response.output_item.done', output_index: index, item: message });
    index++;
  }
  if (call) {
    ev({ type: 'response.output_item.added', output_index: index, item: { ...call, status: 'in_progress', arguments: '' } });
    for (const p of a.call.pieces) ev({ type: 'response.function_call_arguments.delta', item_id: call.id, output_index: index, delta: p });
    ev({ type: 'response.function_call_arguments.done', item_id: call.id, output_index: index, arguments: call.arguments });
    ev({ type: 'response.output_item.done', output_index: index, item: call });
  }
  ev({ type: incomplete ? 'response.incomplete' : 'response.completed', response: response(incomplete ? 'incomplete' : 'completed', output, usage) });
  return events.map((e) => sse(e, e.type)).join('');
}

function anthropicAnswer(a, stream) {
  const stop = { stop: 'end_turn', length: 'max_tokens', tool: 'tool_use' }[a.stop];
  const content = [];
  if (a.text) content.push({ type: 'text', text: a.text });
  if (a.call) content.push({ type: 'tool_use', id: a.call.id, name: a.call.name, input: JSON.parse(args(a.call)) });
  const message = { id: 'msg_up1', type: 'message', role: 'assistant', model: 'up-model', content, stop_reason: stop, stop_sequence: null, usage: { input_tokens: a.usage.input, output_tokens: a.usage.output } };
  if (!stream) return JSON.stringify(message);
  const frames = [];
  const ev = (obj) => frames.push(sse(obj, obj.type));
  ev({ type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { input_tokens: a.usage.input, output_tokens: 1 } } });
  ev({ type: 'ping' });
  let index = 0;
  if (a.text) {
    ev({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
    for (const piece of textPieces(a.text)) ev({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } });
    ev({ type: 'content_block_stop', index });
    index++;
  }
  if (a.call) {
    ev({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: a.call.id, name: a.call.name, input: {} } });
    for (const p of a.call.pieces) ev({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: p } });
    ev({ type: 'content_block_stop', index });
  }
  ev({ type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: a.usage.output } });
  ev({ type: 'message_stop' });
  return frames.join('');
}

function geminiAnswer(a, stream) {
  const finishReason = a.stop === 'length' ? 'MAX_TOKENS' : 'STOP';
  const usageMetadata = { promptTokenCount: a.usage.input, candidatesTokenCount: a.usage.output, totalTokenCount: a.usage.input + a.usage.output };
  const base = { modelVersion: 'up-model-001', responseId: 'gem-up1' };
  const callPart = a.call ? { functionCall: { name: a.call.name, args: JSON.parse(args(a.call)) } } : null;
  if (!stream) {
    const parts = [...(a.text ? [{ text: a.text }] : []), ...(callPart ? [callPart] : [])];
    return JSON.stringify({ candidates: [{ content: { role: 'model', parts }, finishReason, index: 0 }], usageMetadata, ...base });
  }
  const chunks = textPieces(a.text).map((t) => [{ text: t }]);
  if (callPart) chunks.push([callPart]);
  return chunks
    .map((parts, i) => {
      const last = i === chunks.length - 1;
      return `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts }, index: 0, ...(last ? { finishReason } : {}) }], ...(last ? { usageMetadata } : {}), ...base })}\r\n\r\n`;
    })
    .join('');
}

function ollamaAnswer(a, stream) {
  const base = { model: 'up-model', created_at: '2025-01-01T00:00:00Z' };
  const done = { done: true, done_reason: a.stop === 'length' ? 'length' : 'stop', total_duration: 1000, prompt_eval_count: a.usage.input, eval_count: a.usage.output };
  const calls = a.call ? [{ function: { name: a.call.name, arguments: JSON.parse(args(a.call)) } }] : undefined;
  if (!stream) return JSON.stringify({ ...base, message: { role: 'assistant', content: a.text, ...(calls ? { tool_calls: calls } : {}) }, ...done });
  const lines = textPieces(a.text).map((t) => ({ ...base, message: { role: 'assistant', content: t }, done: false }));
  if (calls) lines.push({ ...base, message: { role: 'assistant', content: '', tool_calls: calls }, done: false });
  lines.push({ ...base, message: { role: 'assistant', content: '' }, ...done });
  return lines.map((l) => `${JSON.stringify(l)}\n`).join('');
}

// Text in pieces of up to 4 characters (never splitting a surrogate pair).
function textPieces(text) {
  return text ? Array.from(text).reduce((out, ch, i) => (i % 4 ? ((out[out.length - 1] += ch), out) : [...out, ch]), []) : [];
}

// ---- upstream errors ------------------------------------------------------------

/** {status, headers, body} of a provider error; kind: rate_limit | overloaded | context | auth. */
export function upstreamError(dialect, kind) {
  const openai = (status, message, type, code, headers = {}) => ({ status, headers, body: { error: { message, type, param: null, code } } });
  const anthropic = (status, type, message, headers = {}) => ({ status, headers, body: { type: 'error', error: { type, message } } });
  const google = (status, rpc, message, details = [], headers = {}) => ({ status, headers, body: { error: { code: status, message, status: rpc, details } } });
  const table = {
    chat: {
      rate_limit: openai(429, 'Rate limit reached for requests', 'requests', 'rate_limit_exceeded', { 'retry-after': '7' }),
      overloaded: openai(503, 'The server is overloaded, please try again later.', 'server_error', null),
      context: openai(400, "This model's maximum context length is 128000 tokens.", 'invalid_request_error', 'context_length_exceeded'),
      auth: openai(401, 'Incorrect API key provided: sk-up***.', 'invalid_request_error', 'invalid_api_key'),
    },
    anthropic: {
      rate_limit: anthropic(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit', { 'retry-after': '7' }),
      overloaded: anthropic(529, 'overloaded_error', 'Overloaded'),
      context: anthropic(400, 'invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum'),
      auth: anthropic(401, 'authentication_error', 'invalid x-api-key'),
    },
    gemini: {
      rate_limit: google(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }]),
      overloaded: google(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
      context: google(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).'),
      auth: google(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }]),
    },
    ollama: {
      rate_limit: { status: 429, headers: { 'retry-after': '7' }, body: { error: 'too many requests' } },
      overloaded: { status: 503, headers: {}, body: { error: 'server busy, please try again. maximum pending requests exceeded' } },
      context: { status: 400, headers: {}, body: { error: 'the input length exceeds the context length' } },
      auth: { status: 401, headers: {}, body: { error: 'unauthorized' } },
    },
  };
  table.responses = table.chat;
  return table[dialect][kind];
}

// ---- neutral form of what the gateway sent upstream ---------------------------

function pushTurn(turns, role, items) {
  if (!items.length) return;
  const last = turns.at(-1);
  if (last && last.role === role) last.items.push(...items);
  else turns.push({ role, items: [...items] });
}

const dataUrlBase64 = (url) => {
  const m = /^data:[^;]+;base64,(.*)$/.exec(url ?? '');
  return m ? m[1] : `url:${url}`;
};
const parseArgs = (s) => (typeof s === 'string' ? JSON.parse(s || '{}') : s ?? {});
const textOf = (content) => (typeof content === 'string' ? content : (content ?? []).map((p) => p.text ?? '').join(''));

export function normalizeUpstreamRequest(dialect, body) {
  const out = { system: [], turns: [], tools: [], stream: false, maxTokens: undefined };
  ({ chat: fromChat, responses: fromResponses, anthropic: fromAnthropic, gemini: fromGemini, ollama: fromOllama })[dialect](body, out);
  return out;
}

function fromChat(b, out) {
  out.stream = b.stream === true;
  out.maxTokens = b.max_completion_tokens ?? b.max_tokens;
  for (const m of b.messages) {
    if (m.role === 'system' || m.role === 'developer') {
      out.system.push(textOf(m.content));
    } else if (m.role === 'tool') {
      pushTurn(out.turns, 'tool', [{ result: { id: m.tool_call_id, text: textOf(m.content) } }]);
    } else {
      const items = [];
      if (typeof m.content === 'string') items.push({ text: m.content });
      else for (const p of m.content ?? []) items.push(p.type === 'image_url' ? { image: dataUrlBase64(p.image_url.url) } : { text: p.text });
      for (const c of m.tool_calls ?? []) items.push({ call: { id: c.id, name: c.function.name, args: parseArgs(c.function.arguments) } });
      pushTurn(out.turns, m.role, items.filter((i) => i.text !== ''));
    }
  }
  out.tools = (b.tools ?? []).map((t) => ({ name: t.function.name, description: t.function.description, parameters: t.function.parameters }));
}

function fromResponses(b, out) {
  out.stream = b.stream === true;
  out.maxTokens = b.max_output_tokens;
  if (b.instructions) out.system.push(b.instructions);
  const input = typeof b.input === 'string' ? [{ role: 'user', content: b.input }] : b.input;
  for (const it of input) {
    const type = it.type ?? 'message';
    if (type === 'message') {
      if (it.role === 'system' || it.role === 'developer') {
        out.system.push(textOf(it.content));
        continue;
      }
      const items = typeof it.content === 'string' ? [{ text: it.content }] : it.content.map((p) => (p.type === 'input_image' ? { image: dataUrlBase64(p.image_url) } : { text: p.text }));
      pushTurn(out.turns, it.role, items);
    } else if (type === 'function_call') {
      pushTurn(out.turns, 'assistant', [{ call: { id: it.call_id, name: it.name, args: parseArgs(it.arguments) } }]);
    } else if (type === 'function_call_output') {
      pushTurn(out.turns, 'tool', [{ result: { id: it.call_id, text: typeof it.output === 'string' ? it.output : textOf(it.output) } }]);
    } else {
      pushTurn(out.turns, 'other', [{ other: type }]);
    }
  }
  out.tools = (b.tools ?? []).filter((t) => t.type === 'function').map((t) => ({ name: t.name, description: t.description, parameters: t.parameters }));
}

function fromAnthropic(b, out) {
  out.stream = b.stream === true;
  out.maxTokens = b.max_tokens;
  if (typeof b.system === 'string') out.system.push(b.system);
  else for (const s of b.system ?? []) out.system.push(s.text);
  for (const m of b.messages) {
    if (m.role === 'system') {
      out.system.push(textOf(m.content));
      continue;
    }
    const blocks = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
    for (const blk of blocks) {
      if (blk.type === 'tool_result') pushTurn(out.turns, 'tool', [{ result: { id: blk.tool_use_id, text: textOf(blk.content) } }]);
      else if (blk.type === 'tool_use') pushTurn(out.turns, m.role, [{ call: { id: blk.id, name: blk.name, args: blk.input } }]);
      else if (blk.type === 'image') pushTurn(out.turns, m.role, [{ image: blk.source.type === 'base64' ? blk.source.data : `url:${blk.source.url}` }]);
      else if (blk.type === 'text') pushTurn(out.turns, m.role, [{ text: blk.text }]);
      else pushTurn(out.turns, m.role, [{ other: blk.type }]);
    }
  }
  out.tools = (b.tools ?? []).map((t) => ({ name: t.name, description: t.description, parameters: t.input_schema }));
}

function fromGemini(b, out) {
  out.stream = undefined; // told by the URL, not the body
  out.maxTokens = b.generationConfig?.maxOutputTokens;
  for (const p of b.systemInstruction?.parts ?? []) out.system.push(p.text);
  for (const c of b.contents) {
    for (const p of c.parts) {
      if (p.functionResponse) {
        const r = p.functionResponse.response;
        const text = typeof r?.content === 'string' ? r.content : typeof r?.output === 'string' ? r.output : typeof r?.result === 'string' ? r.result : JSON.stringify(r);
        pushTurn(out.turns, 'tool', [{ result: { id: p.functionResponse.id ?? p.functionResponse.name, text } }]);
      } else if (p.functionCall) {
        pushTurn(out.turns, 'assistant', [{ call: { id: p.functionCall.id ?? p.functionCall.name, name: p.functionCall.name, args: p.functionCall.args } }]);
      } else if (p.inlineData) {
        pushTurn(out.turns, c.role === 'model' ? 'assistant' : 'user', [{ image: p.inlineData.data }]);
      } else if (typeof p.text === 'string') {
        pushTurn(out.turns, c.role === 'model' ? 'assistant' : 'user', [{ text: p.text }]);
      } else {
        pushTurn(out.turns, 'other', [{ other: Object.keys(p).join(',') }]);
      }
    }
  }
  out.tools = (b.tools ?? []).flatMap((t) => t.functionDeclarations ?? []).map((f) => ({ name: f.name, description: f.description, parameters: f.parameters ?? f.parametersJsonSchema }));
}

function fromOllama(b, out) {
  out.stream = b.stream !== false;
  out.maxTokens = b.options?.num_predict;
  for (const m of b.messages) {
    if (m.role === 'system') {
      out.system.push(m.content);
    } else if (m.role === 'tool') {
      pushTurn(out.turns, 'tool', [{ result: { id: m.tool_call_id ?? m.tool_name, text: m.content } }]);
    } else {
      const items = [];
      if (m.content) items.push({ text: m.content });
      for (const img of m.images ?? []) items.push({ image: img });
      for (const c of m.tool_calls ?? []) items.push({ call: { id: c.id ?? c.function.name, name: c.function.name, args: c.function.arguments } });
      pushTurn(out.turns, m.role, items);
    }
  }
  out.tools = (b.tools ?? []).map((t) => ({ name: t.function.name, description: t.function.description, parameters: t.function.parameters }));
}

// ---- neutral form of what the client got --------------------------------------

/** Splits an SSE body into [{event, data}] (data parsed unless [DONE]). */
export function parseSse(text) {
  const out = [];
  for (const frame of text.replace(/\r\n/g, '\n').split('\n\n')) {
    if (!frame.trim()) continue;
    const lines = frame.split('\n');
    const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
    const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
    out.push({ event, data: data === '[DONE]' ? data : JSON.parse(data) });
  }
  return out;
}

/** {text, calls: [{id, name, args (parsed), pieces}], stop, usage: {input, output}} from a client answer. */
export function normalizeClientAnswer(dialect, text, { stream }) {
  return ({ chat: chatClient, responses: responsesClient, anthropic: anthropicClient, ollama: ollamaClient })[dialect](text, stream);
}

function chatClient(text, stream) {
  if (!stream) {
    const j = JSON.parse(text);
    const m = j.choices[0].message;
    return {
      text: m.content ?? '',
      calls: (m.tool_calls ?? []).map((c) => ({ id: c.id, name: c.function.name, args: JSON.parse(c.function.arguments), pieces: 1 })),
      stop: j.choices[0].finish_reason,
      usage: { input: j.usage.prompt_tokens, output: j.usage.completion_tokens },
    };
  }
  const events = parseSse(text);
  assert.equal(events.at(-1).data, '[DONE]', 'a chat stream ends with [DONE]');
  const out = { text: '', calls: [], stop: undefined, usage: undefined };
  for (const { data } of events.slice(0, -1)) {
    assert.equal(data.object, 'chat.completion.chunk');
    if (data.usage) out.usage = { input: data.usage.prompt_tokens, output: data.usage.completion_tokens };
    const choice = data.choices[0];
    if (!choice) continue;
    if (choice.delta.content) out.text += choice.delta.content;
    for (const tc of choice.delta.tool_calls ?? []) {
      const call = (out.calls[tc.index] ??= { id: undefined, name: undefined, argText: '', pieces: 0 });
      if (tc.id) call.id = tc.id;
      if (tc.function?.name) call.name = tc.function.name;
      if (tc.function?.arguments) {
        call.argText += tc.function.arguments;
        call.pieces++;
      }
    }
    if (choice.finish_reason) out.stop = choice.finish_reason;
  }
  out.calls = out.calls.map((c) => ({ id: c.id, name: c.name, args: JSON.parse(c.argText), pieces: c.pieces }));
  return out;
}

function responsesClient(text, stream) {
  const fromResponse = (r) => ({
    text: r.output.filter((o) => o.type === 'message').flatMap((o) => o.content).map((c) => c.text).join(''),
    calls: r.output.filter((o) => o.type === 'function_call').map((o) => ({ id: o.call_id, name: o.name, args: JSON.parse(o.arguments), pieces: 1 })),
    stop: r.status,
    usage: r.usage ? { input: r.usage.input_tokens, output: r.usage.output_tokens } : undefined,
  });
  if (!stream) return fromResponse(JSON.parse(text));
  const events = parseSse(text);
  events.forEach((e, i) => {
    assert.equal(e.event, e.data.type, 'event line = data.type');
    assert.equal(e.data.sequence_number, i, `sequence_number of ${e.event}`);
  });
  const last = events.at(-1).data;
  assert.ok(['response.completed', 'response.incomplete'].includes(last.type), `last event ${last.type}`);
  const out = fromResponse(last.response);
  // The text Codex shows comes from output_item.done; deltas must agree with it.
  const deltas = events.filter((e) => e.event === 'response.output_text.delta').map((e) => e.data.delta).join('');
  assert.equal(deltas, out.text, 'output_text deltas = final text');
  const itemsDone = events.filter((e) => e.event === 'response.output_item.done').map((e) => e.data.item);
  assert.deepEqual(itemsDone.map((i) => i.type), last.response.output.map((o) => o.type), 'output_item.done for every output item');
  for (const call of out.calls) {
    const pieces = events.filter((e) => e.event === 'response.function_call_arguments.delta').map((e) => e.data.delta);
    assert.deepEqual(JSON.parse(pieces.join('')), call.args, 'argument deltas = final arguments');
    call.pieces = pieces.length;
  }
  return out;
}

function anthropicClient(text, stream) {
  const fromMessage = (m) => ({
    text: m.content.filter((b) => b.type === 'text').map((b) => b.text).join(''),
    calls: m.content.filter((b) => b.type === 'tool_use').map((b) => ({ id: b.id, name: b.name, args: b.input, pieces: 1 })),
    stop: m.stop_reason,
    usage: { input: m.usage.input_tokens, output: m.usage.output_tokens },
  });
  if (!stream) {
    const m = JSON.parse(text);
    assert.equal(m.type, 'message');
    return fromMessage(m);
  }
  const events = parseSse(text);
  const names = events.map((e) => e.event);
  assert.equal(names[0], 'message_start');
  assert.equal(names.at(-1), 'message_stop');
  const msg = structuredClone(events[0].data.message);
  const partial = [];
  const pieces = [];
  for (const { event, data } of events) {
    assert.equal(event, data.type, 'event line = data.type');
    if (event === 'content_block_start') {
      msg.content[data.index] = structuredClone(data.content_block);
      partial[data.index] = '';
      pieces[data.index] = 0;
    } else if (event === 'content_block_delta') {
      const blk = msg.content[data.index];
      assert.ok(blk, `delta for an unopened block ${data.index}`);
      if (data.delta.type === 'text_delta') blk.text += data.delta.text;
      if (data.delta.type === 'input_json_delta') {
        partial[data.index] += data.delta.partial_json;
        pieces[data.index]++;
      }
    } else if (event === 'content_block_stop') {
      const blk = msg.content[data.index];
      if (blk.type === 'tool_use') blk.input = JSON.parse(partial[data.index] || '{}');
      blk.stopped = true;
    } else if (event === 'message_delta') {
      msg.stop_reason = data.delta.stop_reason;
      Object.assign(msg.usage, data.usage);
    }
  }
  for (const blk of msg.content) assert.ok(blk.stopped, 'every content block is stopped (Claude Code needs content_block_stop)');
  const out = fromMessage(msg);
  out.calls.forEach((c) => {
    c.pieces = pieces[msg.content.findIndex((b) => b.id === c.id)];
  });
  return out;
}

function ollamaClient(text, stream) {
  const lines = stream ? text.split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [JSON.parse(text)];
  const out = { text: '', calls: [], stop: undefined, usage: undefined };
  for (const l of lines) {
    out.text += l.message?.content ?? '';
    for (const c of l.message?.tool_calls ?? []) out.calls.push({ id: c.id, name: c.function.name, args: c.function.arguments, pieces: 1 });
    if (l.done) {
      out.stop = l.done_reason;
      out.usage = { input: l.prompt_eval_count, output: l.eval_count };
    }
  }
  assert.equal(lines.at(-1).done, true, 'the last line says done');
  return out;
}

/** The stop reason each client dialect shows for a neutral one. */
export function expectedStop(clientDialect, stop) {
  return {
    chat: { stop: 'stop', length: 'length', tool: 'tool_calls' },
    responses: { stop: 'completed', length: 'incomplete', tool: 'completed' },
    anthropic: { stop: 'end_turn', length: 'max_tokens', tool: 'tool_use' },
    ollama: { stop: 'stop', length: 'length', tool: 'stop' },
  }[clientDialect][stop];
}
