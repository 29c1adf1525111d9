// An OpenAI-compatible fake model provider on 127.0.0.1:0, owned by one test file.
//
// It records every request and answers according to a script:
//   0. a handler function queued with next((record, res) => …) answers the next
//      request on any path (FIFO; record = {method, url, path, headers, rawBody, body}),
//   1. a one-shot behaviour queued with next(spec) (FIFO, chat requests only),
//   2. else a persistent behaviour for the request's body.model set with route(model, spec),
//   3. else the default: a JSON chat.completion, or an SSE stream when body.stream is true.
// A strict upstream (startScriptedUpstream() in scripted_upstream.mjs: any dialect) has no
// defaults: a request with nothing queued gets a 500 naming it, so a test never passes on
// an answer it did not ask for.
//
// Behaviour specs ({type, ...}):
//   {type: 'json', status?, body?, headers?}      JSON answer (body defaults to a chat.completion)
//   {type: 'stream', chunks?, content?, holdAfterFirstChunk?, usage?, done?}
//                                                 SSE chat.completion.chunk events then [DONE];
//                                                 chunks: number of content chunks (default 5);
//                                                 content(i, body): text of chunk i
//   {type: 'hang'}                                headers never sent, connection kept open
//   {type: 'error', status, body, headers?, contentType?}
//                                                 error answer; an object body is sent as JSON
//   {type: 'destroy'}                             the socket is destroyed without an answer
//
// POST /embeddings answers fakeEmbedding(input, i) per input (see sendEmbeddings_).
//
// next() and route() return a Handle whose promises let a test observe one exchange:
//   handle.received       resolves with the request record when the upstream got the request
//   handle.firstChunkSent resolves when the first SSE chunk was written
//   handle.release()      lets a stream held with holdAfterFirstChunk continue
//   handle.finished       resolves when the answer was written completely
//   handle.closedEarly    resolves when the connection closed before the answer finished
//                         (the gateway dropped its upstream connection)
import http from 'node:http';
import net from 'node:net';

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export class Handle {
  constructor(spec) {
    this.spec = spec;
    this.exchanges = 0;
    this.received_ = deferred();
    this.firstChunk_ = deferred();
    this.release_ = deferred();
    this.finished_ = deferred();
    this.closedEarly_ = deferred();
  }
  get received() { return this.received_.promise; }
  get firstChunkSent() { return this.firstChunk_.promise; }
  get finished() { return this.finished_.promise; }
  get closedEarly() { return this.closedEarly_.promise; }
  get released() { return this.release_.promise; }
  release() { this.release_.resolve(); }
}

function userText(body) {
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    if (Array.isArray(m.content)) return m.content.map((p) => p?.text ?? '').join('');
  }
  return '';
}

/** Default text of stream chunk i: derived from the request so that concurrent streams differ. */
export function defaultChunkText(i, body) {
  return `[${userText(body)}:${i}]`;
}

/** The whole text a default stream of n chunks carries for this request body. */
export function expectedStreamText(n, body) {
  let s = '';
  for (let i = 0; i < n; i++) s += defaultChunkText(i, body);
  return s;
}

export class FakeUpstream {
  constructor({ strict = false } = {}) {
    this.strict_ = strict;
    this.requests = [];
    this.models = ['gpt-test'];
    this.queue_ = [];
    this.routes_ = new Map();
    this.sockets_ = new Set();
    this.counter_ = 0;
    this.server_ = http.createServer((req, res) => this.onRequest_(req, res));
    this.server_.keepAliveTimeout = 30000;
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

  /** Queue a one-shot behaviour for the next chat request, or a handler (record, res) for the next request. */
  next(spec) {
    if (typeof spec === 'function') {
      this.queue_.push(spec);
      return undefined;
    }
    const h = new Handle(spec);
    this.queue_.push(h);
    return h;
  }

  /** Persistent behaviour for every chat request whose body.model equals model. */
  route(model, spec) {
    const h = new Handle(spec);
    this.routes_.set(model, h);
    return h;
  }

  /** Forget recorded requests and scripted behaviours. */
  reset() {
    this.requests.length = 0;
    this.queue_.length = 0;
    this.routes_.clear();
  }

  chatRequests() {
    return this.requests.filter((r) => r.path.endsWith('/chat/completions'));
  }

  async close() {
    for (const h of this.queue_) if (h instanceof Handle) h.release();
    for (const h of this.routes_.values()) h.release();
    for (const s of this.sockets_) s.destroy();
    this.server_.closeAllConnections?.();
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
    const url = new URL(req.url, 'http://x');
    const record = {
      method: req.method,
      url: req.url,
      path: url.pathname,
      headers: { ...req.headers },
      rawBody,
      body,
    };
    this.requests.push(record);

    if (typeof this.queue_[0] === 'function') return this.queue_.shift()(record, res);
    if (this.strict_) {
      return this.sendJson_(res, 500, { error: { message: `scripted upstream: nothing scripted for ${req.method} ${req.url}` } });
    }
    if (req.method === 'GET' && url.pathname.endsWith('/models')) {
      return this.sendJson_(res, 200, {
        object: 'list',
        data: this.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })),
      });
    }
    if (req.method === 'POST' && url.pathname.endsWith('/embeddings')) {
      return this.sendEmbeddings_(res, body);
    }
    if (req.method !== 'POST' || !url.pathname.endsWith('/chat/completions')) {
      return this.sendJson_(res, 404, {
        error: { message: `fake upstream: no route ${req.method} ${url.pathname}`, type: 'invalid_request_error', param: null, code: null },
      });
    }

    let handle = this.queue_.shift();
    if (!handle && body && this.routes_.has(body.model)) handle = this.routes_.get(body.model);
    if (!handle) handle = new Handle(body?.stream === true ? { type: 'stream' } : { type: 'json' });
    handle.exchanges++;
    handle.received_.resolve(record);

    res.on('close', () => {
      if (!res.writableFinished) handle.closedEarly_.resolve(record);
    });
    res.on('finish', () => handle.finished_.resolve(record));

    const spec = handle.spec;
    switch (spec.type) {
      case 'json':
        return this.sendJson_(res, spec.status ?? 200, spec.body ?? this.completion_(body), spec.headers);
      case 'stream':
        return this.sendStream_(res, body, spec, handle);
      case 'hang':
        return undefined; // never answer; the test or close() ends the connection
      case 'error': {
        const isText = typeof spec.body === 'string';
        const payload = isText ? spec.body : JSON.stringify(spec.body);
        res.writeHead(spec.status, {
          'content-type': spec.contentType ?? (isText ? 'text/plain' : 'application/json'),
          'content-length': Buffer.byteLength(payload),
          ...(spec.headers ?? {}),
        });
        return res.end(payload);
      }
      case 'destroy':
        return req.socket.destroy();
      default:
        throw new Error(`fake upstream: unknown behaviour ${spec.type}`);
    }
  }

  completion_(body) {
    this.counter_++;
    return {
      id: `chatcmpl-fake-${this.counter_}`,
      object: 'chat.completion',
      created: 1700000000,
      model: body?.model ?? 'unknown',
      system_fingerprint: 'fp_fake',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: `upstream answer to: ${userText(body)}`, refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
      x_upstream_extra: { kept: true },
    };
  }

  embeddingRequests() {
    return this.requests.filter((r) => r.path.endsWith('/embeddings'));
  }

  /**
   * POST /embeddings: input i gets fakeEmbedding(text, i) (float arrays, or base64
   * little-endian float32 when encoding_format is "base64"); a queued error
   * behaviour (next({type: 'error', ...})) answers instead.
   */
  sendEmbeddings_(res, body) {
    const handle = this.queue_[0]?.spec?.type === 'error' ? this.queue_.shift() : undefined;
    if (handle) {
      handle.received_.resolve();
      return this.sendJson_(res, handle.spec.status, handle.spec.body, handle.spec.headers);
    }
    const inputs = typeof body?.input === 'string' || (Array.isArray(body?.input) && typeof body.input[0] === 'number')
      ? [body.input]
      : body?.input ?? [];
    const base64 = body?.encoding_format === 'base64';
    const data = inputs.map((input, index) => {
      const vector = fakeEmbedding(input, index);
      const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    });
    return this.sendJson_(res, 200, {
      object: 'list',
      data,
      model: body?.model ?? 'unknown',
      usage: { prompt_tokens: inputs.length * 3, total_tokens: inputs.length * 3 },
    });
  }

  sendJson_(res, status, obj, headers) {
    const payload = JSON.stringify(obj);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
      ...(headers ?? {}),
    });
    res.end(payload);
  }

  async sendStream_(res, body, spec, handle) {
    this.counter_++;
    const id = `chatcmpl-fakestream-${this.counter_}`;
    const n = spec.chunks ?? 5;
    const content = spec.content ?? defaultChunkText;
    const model = body?.model ?? 'unknown';
    const base = { id, object: 'chat.completion.chunk', created: 1700000000, model, system_fingerprint: 'fp_fake' };
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    const write = (obj) =>
      new Promise((resolve) => {
        if (res.destroyed) return resolve(false);
        res.write(`data: ${typeof obj === 'string' ? obj : JSON.stringify(obj)}\n\n`, () => resolve(true));
      });
    for (let i = 0; i < n; i++) {
      if (res.destroyed) return;
      const delta = i === 0 ? { role: 'assistant', content: content(i, body) } : { content: content(i, body) };
      await write({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] });
      if (i === 0) {
        handle.firstChunk_.resolve();
        if (spec.holdAfterFirstChunk) await handle.released;
      } else {
        // Separate writes so that chunks travel as separate TCP segments where possible.
        await new Promise((r) => setImmediate(r));
      }
    }
    if (res.destroyed) return;
    await write({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] });
    const wantUsage = spec.usage ?? body?.stream_options?.include_usage === true;
    if (wantUsage) {
      await write({ ...base, choices: [], usage: { prompt_tokens: 11, completion_tokens: n, total_tokens: 11 + n } });
    }
    if (spec.done !== false) await write('[DONE]');
    res.end();
  }
}

/** The fake upstream's embedding of one input (values exact in float32). */
export function fakeEmbedding(input, index) {
  const length = typeof input === 'string' ? input.length : input.length * 10;
  return [length, index, 0.5, -0.25];
}

export async function startFakeUpstream() {
  return new FakeUpstream().listen();
}

/** A loopback port that nothing listens on (bound, then closed). */
export async function getClosedPort() {
  const srv = net.createServer();
  await new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', resolve);
  });
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}
