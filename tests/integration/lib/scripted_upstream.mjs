// A fake provider of any dialect on 127.0.0.1:0: the strict mode of
// fake_upstream.mjs's FakeUpstream. Every request is recorded (raw bytes and
// parsed JSON) and answered by the next scripted handler.
//
//   const up = await startScriptedUpstream();
//   up.next((record, res) => sendJson(res, 200, {...}));   // one-shot, FIFO
//   up.requests                                           // [{method, url, path, headers, rawBody, body}]
//
// Without a scripted handler the answer is a 500 naming the request, so a test
// never passes on an answer it did not ask for.
import { FakeUpstream } from './fake_upstream.mjs';

export async function startScriptedUpstream() {
  return new FakeUpstream({ strict: true }).listen();
}

export function sendJson(res, status, obj, headers = {}) {
  const payload = typeof obj === 'string' ? obj : JSON.stringify(obj);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

/** Writes SSE frames one by one (separate writes, so they travel as separate chunks); frames are strings. */
export async function sendSse(res, frames) {
  await sendPieces(res, frames, 'text/event-stream');
}

/**
 * Writes `pieces` (strings or Buffers) as separate writes with an event-loop
 * turn between them, so the gateway reads them as separate chunks.
 */
export async function sendPieces(res, pieces, contentType) {
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache' });
  res.flushHeaders();
  for (const f of pieces) {
    if (res.destroyed) return;
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
