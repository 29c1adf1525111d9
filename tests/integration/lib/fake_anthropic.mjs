// An Anthropic Messages fake upstream on 127.0.0.1:0 (POST /v1/messages),
// recording every request. Answers:
//   - when the request offers tools and its last message carries no
//     tool_result: a tool_use block calling the first tool with
//     {"city": "<last user text>"} (stop_reason "tool_use");
//   - otherwise the text "anthropic says: <last user text or tool result>".
// As SSE (message_start … message_stop) when body.stream is true, else JSON.
import http from 'node:http';

function lastText(body) {
  const messages = body?.messages ?? [];
  const last = messages.at(-1);
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return last.content.map((b) => b.text ?? (typeof b.content === 'string' ? b.content : '')).join('');
}

export class FakeAnthropic {
  constructor() {
    this.requests = [];
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

  async onRequest_(req, res) {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    this.requests.push({ path: req.url, headers: { ...req.headers }, body });
    const lastMessage = body.messages?.at(-1);
    const answersTool = Array.isArray(lastMessage?.content) && lastMessage.content.some((b) => b.type === 'tool_result');
    const useTool = (body.tools?.length ?? 0) > 0 && !answersTool;
    const text = lastText(body);
    const message = {
      id: `msg_fake_${this.requests.length}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content: useTool
        ? [{ type: 'tool_use', id: `toolu_fake_${this.requests.length}`, name: body.tools[0].name, input: { city: text } }]
        : [{ type: 'text', text: `anthropic says: ${text}` }],
      stop_reason: useTool ? 'tool_use' : 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 12, output_tokens: 5 },
    };
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(message));
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
    send('message_start', { message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 12, output_tokens: 0 } } });
    const block = message.content[0];
    if (block.type === 'tool_use') {
      send('content_block_start', { index: 0, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
      const json = JSON.stringify(block.input);
      for (let i = 0; i < json.length; i += 5)
        send('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: json.slice(i, i + 5) } });
    } else {
      send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
      for (const piece of block.text.match(/.{1,6}/gs))
        send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } });
    }
    send('content_block_stop', { index: 0 });
    send('message_delta', { delta: { stop_reason: message.stop_reason, stop_sequence: null }, usage: { output_tokens: 5 } });
    send('message_stop', {});
    res.end();
  }
}

export async function startFakeAnthropic() {
  return new FakeAnthropic().listen();
}
