// Small HTTP client helpers for the integration tests (built-in fetch and node:http only).
import http from 'node:http';

/** Rejects with a descriptive error when promise does not settle within ms. */
export async function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls cond() (sync or async) until it returns a truthy value or the deadline passes. */
export async function waitFor(cond, { timeoutMs = 5000, intervalMs = 20, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await cond();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** fetch + read the whole body; json is the parsed body or undefined. */
export async function request(url, { method = 'GET', headers = {}, body, key } = {}) {
  const h = { ...headers };
  if (key) h.authorization = `Bearer ${key}`;
  let payload = body;
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    payload = JSON.stringify(body);
    h['content-type'] ??= 'application/json';
  } else if (typeof body === 'string') {
    h['content-type'] ??= 'application/json';
  }
  let res;
  let text;
  try {
    res = await fetch(url, { method, headers: h, body: payload });
    text = await res.text();
  } catch (e) {
    const cause = e.cause ? ` (${e.cause.code ?? ''} ${e.cause.message ?? e.cause})` : '';
    throw new Error(`${method} ${url}: ${e.message}${cause}`, { cause: e });
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Parses SSE events from a web ReadableStream of bytes; yields {event, data}. */
export async function* sseEvents(stream) {
  const decoder = new TextDecoder();
  let buf = '';
  for await (const chunk of stream) {
    buf += decoder.decode(chunk, { stream: true });
    buf = buf.replace(/\r\n/g, '\n');
    let idx;
    while ((idx = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, idx);
      buf = buf.slice(idx + 2);
      const ev = parseBlock(block);
      if (ev) yield ev;
    }
  }
  if (buf.trim().length) {
    const ev = parseBlock(buf);
    if (ev) yield ev;
  }
}

function parseBlock(block) {
  let event;
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':') || line.length === 0) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (!data.length && event === undefined) return undefined;
  return { event, data: data.join('\n') };
}

/** Concatenated delta.content of chat.completion.chunk data events (stops at [DONE]). */
export function summarizeChatStream(events) {
  let content = '';
  let done = false;
  let usage;
  let afterDone = 0;
  let contentChunks = 0;
  for (const e of events) {
    if (done) {
      afterDone++;
      continue;
    }
    if (e.data === '[DONE]') {
      done = true;
      continue;
    }
    const obj = JSON.parse(e.data);
    for (const c of obj.choices ?? []) {
      if (typeof c.delta?.content === 'string' && c.delta.content.length) {
        content += c.delta.content;
        contentChunks++;
      }
    }
    if (obj.usage) usage = obj.usage;
  }
  return { content, done, usage, afterDone, contentChunks };
}

/** POST a streaming chat request with fetch; returns the Response (body not consumed). */
export async function startChatStream(baseUrl, key, body, { signal } = {}) {
  return fetch(`${baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ stream: true, ...body }),
    signal,
  });
}

/** Reads a whole SSE response into an event list. */
export async function collectSse(res) {
  const events = [];
  for await (const e of sseEvents(res.body)) events.push(e);
  return events;
}

/**
 * Streaming POST with node:http so that the test controls the socket: resolves with
 * {res, firstData, destroy()} once the first body bytes arrived.
 */
export function rawStreamUntilFirstData(baseUrl, key, body) {
  return new Promise((resolve, reject) => {
    const url = new URL(`${baseUrl}/v1/chat/completions`);
    const payload = JSON.stringify({ stream: true, ...body });
    const agent = new http.Agent({ keepAlive: false });
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        res.once('data', (d) => {
          res.pause();
          resolve({
            res,
            firstData: d.toString('utf8'),
            destroy: () => {
              req.destroy();
              res.destroy();
            },
          });
        });
        res.once('error', () => {});
        res.once('end', () => reject(new Error(`stream ended before any data (status ${res.statusCode})`)));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Asserts an OpenAI error body shape; returns the error object. */
export function openAiError(json) {
  if (!json || typeof json !== 'object' || !json.error || typeof json.error !== 'object') {
    throw new Error(`expected an OpenAI error body {"error":{...}}, got ${JSON.stringify(json)}`);
  }
  const e = json.error;
  if (typeof e.message !== 'string' || !e.message.length) throw new Error(`error.message missing: ${JSON.stringify(json)}`);
  if (typeof e.type !== 'string' || !e.type.length) throw new Error(`error.type missing: ${JSON.stringify(json)}`);
  for (const f of ['param', 'code']) {
    if (!(f in e)) throw new Error(`error.${f} missing (null expected when unset): ${JSON.stringify(json)}`);
  }
  return e;
}
