// Micro-benchmark of the dialect work on one request (run by hand, never by ctest):
//
//   gateos_bench_dialects [--iterations N]
//
// Two realistic coding-agent requests through the code the gateway runs for
// them, measured as the calling thread's CPU time (a shared machine's wait for
// a core is not gateway work):
//   - a 76 KB Claude Code request (Anthropic Messages: 3 system blocks with a
//     ~5.6 KB prompt, 24 tools with ~63 KB of schemas, a 10-turn history with
//     tool calls and results);
//   - a Codex request of the same size (OpenAI Responses: instructions, the
//     same 24 tools as function tools, developer and user messages, reasoning
//     items, function_call / function_call_output items, store: false).
//
//   pass-through (same dialect in and out; budget 100 µs added):
//     adapter.summarize (validate, read model/stream) + adapter.replaceModel;
//     the answer's bytes are forwarded untouched (no work per event).
//   translation (budget 500 µs), for each client -> provider dialect:
//     summarize + decode to canonical + the driver's encode of the request,
//     and the answer: a ~43-event stream of the provider's dialect with text
//     and a tool call in pieces, parsed (SSE), decoded to canonical events and
//     encoded in the client's dialect.
//
// Prints p50 / p99 per request and the ratio to the budget, as the other benches do.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <functional>
#include <memory>

#include "anthropic_adapter.h"
#include "gateos/sdk/codec/anthropic_messages.h"
#include "gateos/sdk/codec/anthropic_messages_stream_decoder.h"
#include "gateos/sdk/codec/anthropic_messages_stream_encoder.h"
#include "gateos/sdk/codec/gemini.h"
#include "gateos/sdk/codec/gemini_stream_decoder.h"
#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/codec/openai_chat_stream_decoder.h"
#include "gateos/sdk/codec/openai_responses.h"
#include "gateos/sdk/codec/openai_responses_stream_decoder.h"
#include "gateos/sdk/codec/openai_responses_stream_encoder.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/util/sse_parser.h"
#include "responses_adapter.h"

namespace sdk = gateos::sdk;
namespace codec = gateos::sdk::codec;
using gateos::plugins::adapters::anthropic_messages::AnthropicMessagesAdapterPlugin;
using gateos::plugins::adapters::openai_responses::OpenAiResponsesAdapterPlugin;

namespace {

double threadMicros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

std::string repeatText(const std::string& seed, std::size_t bytes) {
  std::string out;
  while (out.size() < bytes) out += seed;
  out.resize(bytes);
  return out;
}

// A tool schema of about `bytes` bytes: several described properties, nested
// objects and enums as Claude Code's tools have.
sdk::Json toolSchema(int tool, std::size_t bytes) {
  sdk::Json props = sdk::Json::object();
  int i = 0;
  while (sdk::Json{{"type", "object"}, {"properties", props}}.dump().size() < bytes) {
    std::string name = "param_" + std::to_string(tool) + "_" + std::to_string(i);
    sdk::Json p = {{"type", i % 3 == 0 ? "string" : i % 3 == 1 ? "number" : "boolean"},
                   {"description", "Describes what " + name +
                                       " controls. Use absolute paths; never relative ones. When omitted the "
                                       "tool falls back to its default behaviour, which is documented above."}};
    if (i % 5 == 0) p["enum"] = {"read", "write", "append", "truncate"};
    if (i % 7 == 0) p = {{"type", "object"}, {"properties", {{"inner", p}}}, {"additionalProperties", false}};
    props[name] = std::move(p);
    ++i;
  }
  return {{"type", "object"}, {"properties", props}, {"required", {"param_" + std::to_string(tool) + "_0"}},
          {"additionalProperties", false}, {"$schema", "http://json-schema.org/draft-07/schema#"}};
}

const char* const kToolNames[] = {"Agent", "Bash", "Edit", "Glob", "Grep", "LS", "MultiEdit", "NotebookEdit",
                         "NotebookRead", "Read", "TodoWrite", "WebFetch", "WebSearch", "Write", "TaskCreate",
                         "TaskGet", "TaskList", "TaskOutput", "TaskStop", "TaskUpdate", "ExitPlanMode",
                         "KillShell", "SlashCommand", "BashOutput"};

const std::string kToolDescription = repeatText("Use this tool to work with the user's files and shell safely. ", 600);
const std::string kPrompt = repeatText(
    "You are an interactive CLI tool that helps users with software engineering tasks. Follow the instructions "
    "below and use the tools available to you.\n",
    5600);
const std::string kFileText = repeatText("    int parse(const char* p) { return *p ? 1 + parse(p + 1) : 0; }\n", 600);

std::string claudeCodeRequest() {
  sdk::Json tools = sdk::Json::array();
  for (int t = 0; t < 24; ++t)
    tools.push_back({{"name", kToolNames[t]}, {"description", kToolDescription}, {"input_schema", toolSchema(t, 1800)}});
  sdk::Json system = sdk::Json::array();
  system.push_back({{"type", "text"}, {"text", "x-anthropic-billing-header: cc_version=2.1.197; cc_entrypoint=sdk-cli"}});
  system.push_back({{"type", "text"}, {"text", "You are Claude Code, Anthropic's official CLI for Claude."},
                    {"cache_control", {{"type", "ephemeral"}}}});
  system.push_back({{"type", "text"},
                    {"text", kPrompt},
                    {"cache_control", {{"type", "ephemeral"}}}});
  sdk::Json messages = sdk::Json::array();
  messages.push_back({{"role", "user"},
                      {"content", {{{"type", "text"}, {"text", "<system-reminder>\n" + repeatText("Context line. ", 800) + "</system-reminder>"}},
                                   {{"type", "text"}, {"text", "Fix the failing test in src/parser.cpp"}, {"cache_control", {{"type", "ephemeral"}}}}}}});
  messages.push_back({{"role", "system"}, {"content", "The user prefers concise answers."}});
  for (int turn = 0; turn < 5; ++turn) {
    std::string id = "toolu_01" + std::to_string(turn) + "ABCDEFGHJKLMNPQRSTUV";
    messages.push_back({{"role", "assistant"},
                        {"content", {{{"type", "text"}, {"text", "Let me look at the file."}},
                                     {{"type", "tool_use"}, {"id", id}, {"name", "Read"},
                                      {"input", {{"file_path", "/home/dev/project/src/parser.cpp"}, {"offset", turn * 100}}}}}}});
    messages.push_back({{"role", "user"},
                        {"content", {{{"type", "tool_result"}, {"tool_use_id", id},
                                      {"content", kFileText},
                                      {"is_error", false}}}}});
  }
  sdk::Json body = {{"model", "claude-sonnet-4-5"}, {"messages", messages}, {"system", system}, {"tools", tools},
                    {"metadata", {{"user_id", "user_0f3a_account__session_5e1c"}}}, {"max_tokens", 32000},
                    {"thinking", {{"type", "adaptive"}}},
                    {"context_management", {{"edits", {{{"type", "clear_thinking_20251015"}, {"keep", "all"}}}}}},
                    {"output_config", {{"effort", "high"}}}, {"stream", true}};
  return body.dump();
}

// A Codex request of the same size (OpenAI Responses): instructions, the same
// 24 tools as function tools, a developer message, user context, five turns of
// reasoning + function_call + function_call_output, store: false.
std::string codexRequest() {
  sdk::Json tools = sdk::Json::array();
  for (int t = 0; t < 24; ++t)
    tools.push_back({{"type", "function"}, {"name", kToolNames[t]}, {"description", kToolDescription},
                     {"strict", false}, {"parameters", toolSchema(t, 1800)}});
  auto message = [](const char* role, std::string text) {
    return sdk::Json{{"type", "message"}, {"role", role},
                     {"content", {{{"type", "input_text"}, {"text", std::move(text)}}}}};
  };
  sdk::Json input = sdk::Json::array();
  input.push_back(message("developer", "<permissions instructions>\n" + repeatText("Sandbox rule. ", 600)));
  input.push_back(message("user", "<environment_context>\n" + repeatText("Context line. ", 800) + "</environment_context>"));
  input.push_back(message("user", "Fix the failing test in src/parser.cpp"));
  for (int turn = 0; turn < 5; ++turn) {
    std::string id = "call_" + std::to_string(turn) + "ABCDEFGHJKLMNPQRSTUV";
    input.push_back({{"type", "reasoning"}, {"summary", sdk::Json::array()},
                     {"encrypted_content", repeatText("gAAAAABo", 120)}});
    input.push_back({{"type", "function_call"}, {"name", "Read"}, {"call_id", id},
                     {"arguments", "{\"file_path\":\"/home/dev/project/src/parser.cpp\",\"offset\":" +
                                       std::to_string(turn * 100) + "}"}});
    input.push_back({{"type", "function_call_output"}, {"call_id", id}, {"output", kFileText}});
  }
  sdk::Json body = {{"model", "gpt-5-codex"}, {"instructions", kPrompt}, {"input", input}, {"tools", tools},
                    {"tool_choice", "auto"}, {"parallel_tool_calls", false},
                    {"reasoning", {{"effort", "medium"}, {"summary", "auto"}}}, {"store", false}, {"stream", true},
                    {"include", {"reasoning.encrypted_content"}}, {"prompt_cache_key", "0199a1b2-c3d4-7e5f"},
                    {"text", {{"verbosity", "low"}}}};
  return body.dump();
}

// A Chat Completions answer as an upstream streams it: text in 30 pieces, a
// tool call whose arguments come in 8 pieces, finish, usage, [DONE].
std::vector<std::string> chatStream() {
  std::vector<std::string> out;
  auto frame = [&](const sdk::Json& j) { out.push_back("data: " + j.dump() + "\n\n"); };
  sdk::Json base = {{"id", "chatcmpl-b1"}, {"object", "chat.completion.chunk"}, {"created", 1700000000}, {"model", "m"}};
  auto chunk = [&](sdk::Json delta, sdk::Json finish = nullptr) {
    sdk::Json c = base;
    c["choices"] = {{{"index", 0}, {"delta", std::move(delta)}, {"finish_reason", std::move(finish)}}};
    frame(c);
  };
  chunk({{"role", "assistant"}, {"content", ""}});
  for (int i = 0; i < 30; ++i) chunk({{"content", "word" + std::to_string(i) + " "}});
  chunk({{"tool_calls", {{{"index", 0}, {"id", "call_1"}, {"type", "function"}, {"function", {{"name", "Read"}, {"arguments", ""}}}}}}});
  const char* pieces[] = {"{\"file", "_path\":", " \"/home/dev", "/project/", "src/parser", ".cpp\", \"off", "set\": ", "200}"};
  for (auto* p : pieces) chunk({{"tool_calls", {{{"index", 0}, {"function", {{"arguments", p}}}}}}});
  chunk(sdk::Json::object(), "tool_calls");
  sdk::Json usage = base;
  usage["choices"] = sdk::Json::array();
  usage["usage"] = {{"prompt_tokens", 19000}, {"completion_tokens", 60}, {"total_tokens", 19060}};
  frame(usage);
  out.push_back("data: [DONE]\n\n");
  return out;
}

// Splits an SSE body into its frames (each ending with a blank line).
std::vector<std::string> frames(const std::string& body) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < body.size();) {
    std::size_t end = body.find("\n\n", start);
    end = end == std::string::npos ? body.size() : end + 2;
    out.push_back(body.substr(start, end - start));
    start = end;
  }
  return out;
}

// Feeds SSE frames through an SSE parser and a provider's stream decoder.
template <class Decoder>
bool decodeStream(const std::vector<std::string>& stream, const std::function<void(const sdk::StreamEvent&)>& onEvent) {
  bool ok = true;
  Decoder decoder(onEvent);
  sdk::util::SseParser parser;
  auto onSse = [&](const sdk::util::SseEvent& e) { ok = ok && decoder.feed(e.data).isOk(); };
  for (const auto& f : stream) parser.feed(f, onSse);
  parser.finish(onSse);
  return decoder.finish().isOk() && ok;
}

// The same answer as an Anthropic or a Responses upstream streams it (the
// Chat stream's events written by the SDK's own stream encoders).
template <class Encoder>
std::vector<std::string> reencoded(const std::vector<std::string>& chat) {
  Encoder encoder("m");
  std::string body;
  decodeStream<codec::openai_chat::StreamDecoder>(chat, [&](const sdk::StreamEvent& e) { encoder.onEvent(e, body); });
  encoder.finish(body);
  return frames(body);
}

// The same answer as Gemini streams it: text in 30 chunks, a functionCall
// (Gemini sends its arguments whole), finish with usage.
std::vector<std::string> geminiStream() {
  std::vector<std::string> out;
  auto chunk = [&](sdk::Json parts, sdk::Json extra = sdk::Json::object()) {
    sdk::Json candidate = {{"content", {{"role", "model"}, {"parts", std::move(parts)}}}, {"index", 0}};
    candidate.update(extra);
    sdk::Json c = {{"candidates", {candidate}}, {"modelVersion", "gemini-2.5-pro"}, {"responseId", "r-b1"}};
    out.push_back("data: " + c.dump() + "\r\n\r\n");
  };
  for (int i = 0; i < 30; ++i) chunk({{{"text", "word" + std::to_string(i) + " "}}});
  chunk({{{"functionCall", {{"name", "Read"}, {"args", {{"file_path", "/home/dev/project/src/parser.cpp"}, {"offset", 200}}}}}}});
  sdk::Json last = {{"candidates", {{{"content", {{"role", "model"}, {"parts", sdk::Json::array()}}}, {"finishReason", "STOP"}, {"index", 0}}}},
                    {"usageMetadata", {{"promptTokenCount", 19000}, {"candidatesTokenCount", 60}, {"totalTokenCount", 19060}}},
                    {"modelVersion", "gemini-2.5-pro"}, {"responseId", "r-b1"}};
  out.push_back("data: " + last.dump() + "\r\n\r\n");
  return out;
}

struct Stats {
  double p50, p99;
};

template <class F>
Stats measure(int iterations, F&& once) {
  for (int i = 0; i < iterations / 10 + 1; ++i) once();  // warm-up
  std::vector<double> samples;
  samples.reserve(iterations);
  for (int i = 0; i < iterations; ++i) {
    double t0 = threadMicros();
    once();
    samples.push_back(threadMicros() - t0);
  }
  std::sort(samples.begin(), samples.end());
  return {samples[samples.size() / 2], samples[std::min(samples.size() - 1, samples.size() * 99 / 100)]};
}

void report(const std::string& what, Stats s, double budget) {
  std::printf("%-44s p50 %7.1f us  p99 %7.1f us  (budget %4.0f us, ratio %.2f) %s\n", what.c_str(), s.p50, s.p99,
              budget, s.p50 / budget, s.p50 <= budget ? "PASS" : "FAIL");
}

void partial(const char* what, Stats s) { std::printf("  %-42s p50 %7.1f us  p99 %7.1f us\n", what, s.p50, s.p99); }

// A client dialect: its adapter and the request it sends.
struct Client {
  const char* name;
  const sdk::Adapter* adapter;
  sdk::InboundRequest request;
};

// A provider dialect: its driver's request encoding and its answer stream.
struct Provider {
  const char* name;
  std::function<sdk::Result<std::string>(const sdk::ChatRequest&)> encode;
  std::function<bool(const std::function<void(const sdk::StreamEvent&)>&)> decodeAnswer;
  std::size_t events;
};

template <class Decoder>
std::function<bool(const std::function<void(const sdk::StreamEvent&)>&)> answerOf(std::vector<std::string> stream) {
  return [stream = std::move(stream)](const std::function<void(const sdk::StreamEvent&)>& onEvent) {
    return decodeStream<Decoder>(stream, onEvent);
  };
}

bool ok = true;

void passThrough(const Client& client, int iterations, std::string_view model) {
  Stats pass = measure(iterations, [&] {
    ok = client.adapter->summarize(client.request).isOk() && ok;
    auto out = client.adapter->replaceModel(client.request.body, model);
    ok = ok && out.isOk() && out.value().size() > client.request.body.size() - 64;
  });
  Stats sum = measure(iterations, [&] { ok = client.adapter->summarize(client.request).isOk() && ok; });
  report(std::string("pass-through ") + client.name + " (summarize + model)", pass, 100);
  partial("of which summarize (validate, model, stream)", sum);
}

void translation(const Client& client, const Provider& provider, int iterations) {
  std::string upstreamBody;
  auto translateRequest = [&] {
    ok = client.adapter->summarize(client.request).isOk() && ok;
    auto decoded = client.adapter->decode(client.request);
    ok = ok && decoded.isOk();
    if (!decoded.isOk()) return;
    auto encoded = provider.encode(decoded.value());
    ok = ok && encoded.isOk();
    if (!encoded.isOk()) std::fprintf(stderr, "%s -> %s: %s\n", client.name, provider.name, encoded.status().message().c_str());
    if (encoded.isOk()) upstreamBody = std::move(encoded.value());
  };
  std::string clientBytes;
  auto translateAnswer = [&] {
    sdk::RequestSummary summary;
    summary.model = "p/model";
    summary.stream = true;
    sdk::RequestContext context;
    auto encoder = client.adapter->makeEncoder(context, summary);
    clientBytes.clear();
    ok = provider.decodeAnswer([&](const sdk::StreamEvent& e) { encoder->onEvent(e, clientBytes); }) && ok;
    encoder->finish(clientBytes);
  };
  Stats req = measure(iterations, translateRequest);
  Stats decode = measure(iterations, [&] { ok = client.adapter->decode(client.request).isOk() && ok; });
  auto decoded = client.adapter->decode(client.request);
  Stats encode = measure(iterations, [&] { ok = provider.encode(decoded.value()).isOk() && ok; });
  Stats ans = measure(iterations, translateAnswer);
  Stats total = measure(iterations, [&] {
    translateRequest();
    translateAnswer();
  });
  report(std::string("translation ") + client.name + " -> " + provider.name, total, 500);
  std::printf("  upstream body %zu bytes; client stream %zu bytes\n", upstreamBody.size(), clientBytes.size());
  partial("request: summarize + decode + encode", req);
  partial("  of which decode (parse, canonical)", decode);
  partial("  of which encode (the provider's body)", encode);
  char what[64];
  std::snprintf(what, sizeof what, "answer: %zu events decoded + encoded", provider.events);
  partial(what, ans);
}

}  // namespace

int main(int argc, char** argv) {
  int iterations = 2000;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--iterations") == 0) iterations = std::max(10, std::atoi(argv[i + 1]));

  const std::string claudeBody = claudeCodeRequest();
  const std::string codexBody = codexRequest();
  const auto chat = chatStream();
  auto anthropic = reencoded<codec::anthropic_messages::StreamEncoder>(chat);
  auto responses = reencoded<codec::openai_responses::StreamEncoder>(chat);
  auto gemini = geminiStream();
  std::printf("requests: Claude Code %zu bytes (24 tools, 3 system blocks, 12 messages), Codex %zu bytes (24 tools, "
              "18 input items); answers: Chat %zu, Anthropic %zu, Responses %zu, Gemini %zu events\n",
              claudeBody.size(), codexBody.size(), chat.size(), anthropic.size(), responses.size(), gemini.size());

  AnthropicMessagesAdapterPlugin anthropicAdapter;
  OpenAiResponsesAdapterPlugin responsesAdapter;
  sdk::Headers headers;
  Client claude{"Anthropic", &anthropicAdapter, {"POST", "/v1/messages", "beta=true", &headers, claudeBody}};
  Client codex{"Responses", &responsesAdapter, {"POST", "/v1/responses", "", &headers, codexBody}};

  Provider toChat{"OpenAI Chat",
                  [](const sdk::ChatRequest& r) { return codec::openai_chat::encodeRequest(r, "gpt-4.1", {false}); },
                  answerOf<codec::openai_chat::StreamDecoder>(chat), chat.size()};
  Provider toAnthropic{"Anthropic",
                       [](const sdk::ChatRequest& r) {
                         codec::anthropic_messages::EncodeOptions options;
                         options.sameDialect = false;
                         return codec::anthropic_messages::encodeRequest(r, "claude-sonnet-4-5", options);
                       },
                       answerOf<codec::anthropic_messages::StreamDecoder>(anthropic), anthropic.size()};
  Provider toResponses{"Responses",
                       [](const sdk::ChatRequest& r) {
                         codec::openai_responses::EncodeOptions options;
                         options.sameDialect = false;
                         return codec::openai_responses::encodeRequest(r, "gpt-5", options);
                       },
                       answerOf<codec::openai_responses::StreamDecoder>(responses), responses.size()};
  Provider toGemini{"Gemini", [](const sdk::ChatRequest& r) { return codec::gemini::encodeRequest(r); },
                    answerOf<codec::gemini::StreamDecoder>(gemini), gemini.size()};

  passThrough(claude, iterations, "claude-sonnet-4-5-20250929");
  passThrough(codex, iterations, "gpt-5-codex-2025");
  for (const Provider* p : {&toChat, &toResponses, &toGemini}) translation(claude, *p, iterations);
  for (const Provider* p : {&toAnthropic, &toChat, &toGemini}) translation(codex, *p, iterations);
  if (!ok) {
    std::fprintf(stderr, "a step failed: the benchmark input is not valid\n");
    return 1;
  }
  return 0;
}
