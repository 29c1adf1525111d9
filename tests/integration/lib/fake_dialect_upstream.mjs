// Fake Gemini and Ollama servers on 127.0.0.1:0, owned by one test file. Each
// records every request ({method, path, url, headers, body}) and answers
// according to a script: route(model, spec) for every request of that model,
// else the default (a text answer derived from the last user message).
//
// Answer specs:
//   {type: 'text', text?, chunks?}        text answer (streamed in `chunks` pieces)
//   {type: 'tool', name, args, signature?} one function / tool call
//   {type: 'error', status, body, headers?} an error answer (object bodies as JSON)
//
//   const gemini = await startFakeGemini({apiKey: 'AIza-up'});   // gemini.baseUrl
//   const ollama = await startFakeOllama();                        // ollama.baseUrl
import http from 'node:http';

function lastUserText(items, textOf) {
  for (let i = items.length - 1; i >= 0; i--) {
    const t = textOf(items[i]);
    if (t !== undefined) return t;
  }
  return '';
}

function split(text, n) {
  const out = [];
  const size = Math.max(1, Math.ceil(text.length / n));
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

class FakeServer {
  constructor(handler) {
    this.requests = [];
    this.routes = new Map();
    this.sockets_ = new Set();
    this.server_ = http.createServer(async (req, res) => {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const raw = Buffer.concat(chunks).toString('utf8');
      let body;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const url = new URL(req.url, 'http://x');
      const record = { method: req.method, url: req.url, path: url.pathname, query: url.searchParams, headers: { ...req.headers }, body };
      this.requests.push(record);
      handler(record, res);
    });
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
    this.baseUrl = `http://127.0.0.1:${this.server_.address().port}`;
    return this;
  }
  route(model, spec) {
    this.routes.set(model, spec);
  }
  /** Forgets the recorded requests (routes stay). */
  clearRequests() {
    this.requests.length = 0;
  }
  last() {
    return this.requests.at(-1);
  }
  async close() {
    for (const s of this.sockets_) s.destroy();
    await new Promise((resolve) => this.server_.close(() => resolve()));
  }
}

function sendJson(res, status, obj, headers = {}) {
  const payload = typeof obj === 'string' ? obj : JSON.stringify(obj);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

// Writes pieces as separate writes (so that the gateway sees them as they come).
async function writeAll(res, pieces) {
  for (const p of pieces) {
    if (res.destroyed) return;
    await new Promise((resolve) => res.write(p, resolve));
    await new Promise((r) => setImmediate(r));
  }
  res.end();
}

// ---- Gemini -------------------------------------------------------------------

export async function startFakeGemini({ apiKey = 'AIza-upstream', models = ['gemini-test'] } = {}) {
  const srv = new FakeServer((req, res) => {
    if (req.headers['x-goog-api-key'] !== apiKey) {
      return sendJson(res, 400, {
        error: {
          code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT',
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }],
        },
      });
    }
    if (req.method === 'GET' && req.path === '/v1beta/models') {
      return sendJson(res, 200, {
        models: models.map((m) => ({ name: `models/${m}`, displayName: m, supportedGenerationMethods: ['generateContent'] })),
      });
    }
    const m = /^\/v1beta\/models\/([^:]+):(generateContent|streamGenerateContent)$/.exec(req.path);
    if (req.method !== 'POST' || !m) return sendJson(res, 404, { error: { code: 404, message: `no route ${req.path}`, status: 'NOT_FOUND' } });
    const [, model, method] = m;
    const stream = method === 'streamGenerateContent';
    const spec = srv.routes.get(model) ?? { type: 'text' };
    if (spec.type === 'error') return sendJson(res, spec.status, spec.body, spec.headers);
    const usageMetadata = { promptTokenCount: 12, candidatesTokenCount: 5, totalTokenCount: 17 };
    const base = { modelVersion: `${model}-001`, responseId: 'gemini-resp-1' };
    let partsList;
    let finishReason = 'STOP';
    if (spec.type === 'tool') {
      const part = { functionCall: { name: spec.name, args: spec.args } };
      if (spec.signature) part.thoughtSignature = spec.signature;
      partsList = [[part]];
    } else {
      const text = spec.text ?? `gemini answer to: ${lastUserText(req.body?.contents ?? [], (c) => (c.role === 'user' ? c.parts?.map((p) => p.text ?? '').join('') : undefined))}`;
      partsList = stream ? split(text, spec.chunks ?? 3).map((t) => [{ text: t }]) : [[{ text }]];
    }
    const chunks = partsList.map((parts, i) => ({
      candidates: [{ content: { role: 'model', parts }, index: 0, ...(i === partsList.length - 1 ? { finishReason } : {}) }],
      ...(i === partsList.length - 1 ? { usageMetadata } : {}),
      ...base,
    }));
    if (!stream) return sendJson(res, 200, chunks[0]);
    if (req.query.get('alt') !== 'sse') return sendJson(res, 400, { error: { code: 400, message: 'test fake only streams SSE', status: 'INVALID_ARGUMENT' } });
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.flushHeaders();
    writeAll(res, chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`));
  });
  return srv.listen();
}

// ---- Ollama -------------------------------------------------------------------

export async function startFakeOllama({ models = ['llama-test:latest'] } = {}) {
  const srv = new FakeServer((req, res) => {
    if (req.method === 'GET' && req.path === '/api/tags') {
      return sendJson(res, 200, { models: models.map((m) => ({ name: m, model: m, size: 1, details: { family: 'llama' } })) });
    }
    if (req.method !== 'POST' || req.path !== '/api/chat') return sendJson(res, 404, { error: `no route ${req.path}` });
    const model = req.body?.model;
    const spec = srv.routes.get(model) ?? { type: 'text' };
    if (spec.type === 'error') return sendJson(res, spec.status, spec.body, spec.headers);
    const stream = req.body?.stream !== false;
    const base = { model, created_at: '2025-01-01T00:00:00Z' };
    const final = { ...base, message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 21, eval_count: 9 };
    let messages;
    if (spec.type === 'tool') {
      messages = [{ role: 'assistant', content: '', tool_calls: [{ function: { name: spec.name, arguments: spec.args } }] }];
    } else {
      const text = spec.text ?? `ollama answer to: ${lastUserText(req.body?.messages ?? [], (m) => (m.role === 'user' ? m.content : undefined))}`;
      messages = stream ? split(text, spec.chunks ?? 3).map((t) => ({ role: 'assistant', content: t })) : [{ role: 'assistant', content: text }];
    }
    if (!stream) {
      return sendJson(res, 200, { ...final, message: { ...messages[0] } });
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.flushHeaders();
    writeAll(res, [...messages.map((message) => `${JSON.stringify({ ...base, message, done: false })}\n`), `${JSON.stringify(final)}\n`]);
  });
  return srv.listen();
}
