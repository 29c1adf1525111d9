// Helpers for the secret-redaction tests across inbound dialects: the secret
// corpus, an OpenAI Chat upstream that echoes the (redacted) user text as
// text and as a tool call, and per dialect how to ask and how to read the
// answer (streaming and not) in that dialect's own wire format.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './gateway.mjs';
import { sendJson, sendSse, sseFrame } from './scripted_upstream.mjs';

export function loadSecretCorpus() {
  const file = path.join(repoRoot, 'tests', 'fixtures', 'secrets', 'secrets_corpus.jsonl');
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** Every string inside a JSON value, also inside strings that are JSON text (tool-call arguments). */
export function allStrings(value, out = []) {
  if (typeof value === 'string') {
    out.push(value);
    const t = value.trimStart();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        allStrings(JSON.parse(value), out);
      } catch {
        // not JSON text
      }
    }
  } else if (Array.isArray(value)) {
    for (const v of value) allStrings(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) allStrings(v, out);
  }
  return out;
}

/** The secrets of `corpus` that occur anywhere in a request the upstream received. */
export function leakedSecrets(record, corpus) {
  const text = allStrings(record.body).join('\n');
  return corpus.filter((e) => text.includes(e.secret) || record.rawBody.includes(e.secret)).map((e) => e.id);
}

function chunks(text, size) {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function lastUserText(body) {
  const m = body.messages.filter((x) => x.role === 'user').at(-1);
  if (typeof m.content === 'string') return m.content;
  return m.content.map((p) => p.text ?? '').join('');
}

export const TOOL_NAME = 'write_file';

/**
 * A handler for a ScriptedUpstream speaking OpenAI Chat Completions: answers
 * "Echo: <last user text>" and, with `tool`, a write_file call whose arguments
 * carry the same text; streamed in pieces of `chunk` characters.
 */
export function echoHandler({ chunk = 7, tool = false } = {}) {
  return (rec, res) => {
    const user = lastUserText(rec.body);
    const text = `Echo: ${user}`;
    const args = JSON.stringify({ path: 'notes.txt', content: user });
    const base = { id: 'chatcmpl-echo', object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-test' };
    if (rec.body.stream !== true) {
      const message = { role: 'assistant', content: text };
      if (tool) message.tool_calls = [{ id: 'call_echo', type: 'function', function: { name: TOOL_NAME, arguments: args } }];
      return sendJson(res, 200, {
        id: 'chatcmpl-echo', object: 'chat.completion', created: 1700000000, model: 'gpt-test',
        choices: [{ index: 0, message, finish_reason: tool ? 'tool_calls' : 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      });
    }
    const frames = [{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }];
    for (const c of chunks(text, chunk)) frames.push({ ...base, choices: [{ index: 0, delta: { content: c }, finish_reason: null }] });
    if (tool) {
      frames.push({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_echo', type: 'function', function: { name: TOOL_NAME, arguments: '' } }] }, finish_reason: null }] });
      for (const c of chunks(args, chunk)) frames.push({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: c } }] }, finish_reason: null }] });
    }
    frames.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: tool ? 'tool_calls' : 'stop' }] });
    frames.push({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } });
    return sendSse(res, [...frames.map((f) => sseFrame(f, null)), 'data: [DONE]\n\n']);
  };
}

function sseJson(text) {
  const out = [];
  for (const frame of text.split('\n\n')) {
    const data = frame.split('\n').find((l) => l.startsWith('data: '));
    if (!data || data === 'data: [DONE]') continue;
    out.push(JSON.parse(data.slice(6)));
  }
  return out;
}

function ndjson(text) {
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

const fnTool = { type: 'function', function: { name: TOOL_NAME, description: 'write a file', parameters: { type: 'object', properties: { path: { type: 'string' }, content: { type: 'string' } } } } };

/**
 * Inbound dialects: request(model, {system, user, stream, tool}) → {path, headers, body};
 * read(text, stream) → {text, args} (args: the tool call's arguments as an object, or undefined).
 */
export const DIALECTS = {
  'OpenAI Chat': {
    tools: true,
    request: (key, model, { system, user, stream, tool }) => ({
      path: '/v1/chat/completions',
      headers: { authorization: `Bearer ${key}` },
      body: { model, stream, messages: [{ role: 'system', content: system }, { role: 'user', content: user }], ...(tool ? { tools: [fnTool] } : {}) },
    }),
    read(text, stream) {
      if (!stream) {
        const m = JSON.parse(text).choices[0].message;
        const a = m.tool_calls?.[0]?.function?.arguments;
        return { text: m.content ?? '', args: a === undefined ? undefined : JSON.parse(a) };
      }
      let t = '';
      let a;
      for (const ev of sseJson(text)) {
        const d = ev.choices?.[0]?.delta;
        if (!d) continue;
        t += d.content ?? '';
        for (const call of d.tool_calls ?? []) a = (a ?? '') + (call.function?.arguments ?? '');
      }
      return { text: t, args: a === undefined ? undefined : JSON.parse(a) };
    },
  },
  'Anthropic Messages': {
    tools: true,
    request: (key, model, { system, user, stream, tool }) => ({
      path: '/v1/messages',
      headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01' },
      body: {
        model, stream, max_tokens: 1024, system, messages: [{ role: 'user', content: user }],
        ...(tool ? { tools: [{ name: TOOL_NAME, description: 'write a file', input_schema: fnTool.function.parameters }] } : {}),
      },
    }),
    read(text, stream) {
      if (!stream) {
        const content = JSON.parse(text).content;
        const call = content.find((b) => b.type === 'tool_use');
        return { text: content.filter((b) => b.type === 'text').map((b) => b.text).join(''), args: call?.input };
      }
      let t = '';
      let a;
      for (const ev of sseJson(text)) {
        if (ev.type !== 'content_block_delta') continue;
        if (ev.delta.type === 'text_delta') t += ev.delta.text;
        if (ev.delta.type === 'input_json_delta') a = (a ?? '') + ev.delta.partial_json;
      }
      return { text: t, args: a === undefined ? undefined : JSON.parse(a) };
    },
  },
  'OpenAI Responses': {
    tools: true,
    request: (key, model, { system, user, stream, tool }) => ({
      path: '/v1/responses',
      headers: { authorization: `Bearer ${key}` },
      body: {
        model, stream, instructions: system, input: user,
        ...(tool ? { tools: [{ type: 'function', name: TOOL_NAME, description: 'write a file', parameters: fnTool.function.parameters }] } : {}),
      },
    }),
    read(text, stream) {
      if (!stream) {
        const output = JSON.parse(text).output;
        const msg = output.filter((i) => i.type === 'message').flatMap((i) => i.content).map((c) => c.text ?? '').join('');
        const call = output.find((i) => i.type === 'function_call');
        return { text: msg, args: call ? JSON.parse(call.arguments) : undefined };
      }
      let t = '';
      let a;
      for (const ev of sseJson(text)) {
        if (ev.type === 'response.output_text.delta') t += ev.delta;
        if (ev.type === 'response.function_call_arguments.delta') a = (a ?? '') + ev.delta;
      }
      return { text: t, args: a === undefined ? undefined : JSON.parse(a) };
    },
  },
  'Ollama /api/chat': {
    tools: true,
    request: (key, model, { system, user, stream, tool }) => ({
      path: '/api/chat',
      headers: { authorization: `Bearer ${key}` },
      body: { model, stream, messages: [{ role: 'system', content: system }, { role: 'user', content: user }], ...(tool ? { tools: [fnTool] } : {}) },
    }),
    read(text, stream) {
      const lines = stream ? ndjson(text) : [JSON.parse(text)];
      let t = '';
      let a;
      for (const l of lines) {
        t += l.message?.content ?? '';
        for (const call of l.message?.tool_calls ?? []) a = call.function.arguments;
      }
      return { text: t, args: a };
    },
  },
  'Ollama /api/generate': {
    tools: false,
    request: (key, model, { system, user, stream }) => ({
      path: '/api/generate',
      headers: { authorization: `Bearer ${key}` },
      body: { model, stream, system, prompt: user },
    }),
    read(text, stream) {
      const lines = stream ? ndjson(text) : [JSON.parse(text)];
      return { text: lines.map((l) => l.response ?? '').join(''), args: undefined };
    },
  },
};
