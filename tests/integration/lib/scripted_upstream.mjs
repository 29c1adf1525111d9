// A fake provider of any dialect on 127.0.0.1:0: every request is recorded
// (raw bytes and parsed JSON) and answered by the next scripted handler.
//
//   const up = await startScriptedUpstream();
//   up.next((record, res) => sendJson(res, 200, {...}));   // one-shot, FIFO
//   up.requests                                           // [{method, path, headers, rawBody, body}]
//
// Without a scripted handler the answer is a 500 naming the request, so a test
// never passes on an answer it did not ask for.
import http from 'node:http';

export class ScriptedUpstream {
  constructor() {
    this.requests = [];
    this.queue_ = [];
    this.sockets_ = new Set();
    this.server_ = http.createServer((req, res) => this.onRequest_(req, res));
    this.server_.on('connection', (s) => {
      this.sockets_.add(s);
      s.on('close', () => this.sockets_.delete(s));
    });
  }

  async listen() {
    await new Promise((resolve, reject) => {
      this.server_.once('error', reject);
      this.server_.listen(0, '127.0.0.1', resolve);
    });
    this.port = this.server_.address().port;
    this.origin = `http://127.0.0.1:${this.port}`;
    this.baseUrl = `${this.origin}/v1`;
    return this;
  }

  /** Queues a handler (record, res) for the next request. */
  next(handler) {
    this.queue_.push(handler);
  }

  reset() {
    this.requests.length = 0;
    this.queue_.length = 0;
  }

  async close() {
    for (const s of this.sockets_) s.destroy();
    await new Promise((resolve) => this.server_.close(() => resolve()));
  }

  async onRequest_(req, res) {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let body;
    try {
      body = rawBody.length ? JSON.parse(rawBody) : undefined;
    } catch {
      body = undefined;
    }
    const record = { method: req.method, path: new URL(req.url, 'http://x').pathname, headers: { ...req.headers }, rawBody, body };
    this.requests.push(record);
    const handler = this.queue_.shift();
    if (!handler) return sendJson(res, 500, { error: { message: `scripted upstream: nothing scripted for ${req.method} ${req.url}` } });
    return handler(record, res);
  }
}

export async function startScriptedUpstream() {
  return new ScriptedUpstream().listen();
}

export function sendJson(res, status, obj, headers = {}) {
  const payload = typeof obj === 'string' ? obj : JSON.stringify(obj);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

/** Writes SSE frames one by one (separate writes, so they travel as separate chunks); frames are strings. */
export async function sendSse(res, frames) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  for (const f of frames) {
    await new Promise((resolve) => res.write(f, resolve));
    await new Promise((r) => setImmediate(r));
  }
  res.end();
}

/** "event: <type>\ndata: <json>\n\n" */
export function sseFrame(obj, event = obj.type) {
  return `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(obj)}\n\n`;
}

/** Chat Completions chunks of an assistant turn calling one tool, arguments in pieces. */
export function chatToolCallFrames({ id = 'chatcmpl-t', model = 'm', callId = 'call_1', name, pieces }) {
  const base = { id, object: 'chat.completion.chunk', created: 1700000000, model };
  const frames = [];
  frames.push({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: callId, type: 'function', function: { name, arguments: '' } }] }, finish_reason: null }] });
  for (const p of pieces) frames.push({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: p } }] }, finish_reason: null }] });
  frames.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] });
  frames.push({ ...base, choices: [], usage: { prompt_tokens: 20, completion_tokens: 9, total_tokens: 29 } });
  return [...frames.map((f) => sseFrame(f, null)), 'data: [DONE]\n\n'];
}

/** An Anthropic Messages stream answering `text`. */
export function anthropicTextFrames(text, { id = 'msg_a1', model = 'claude-x' } = {}) {
  const half = Math.ceil(text.length / 2);
  return [
    sseFrame({ type: 'message_start', message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } } }),
    sseFrame({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    sseFrame({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: text.slice(0, half) } }),
    sseFrame({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: text.slice(half) } }),
    sseFrame({ type: 'content_block_stop', index: 0 }),
    sseFrame({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 6 } }),
    sseFrame({ type: 'message_stop' }),
  ];
}
