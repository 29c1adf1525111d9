// Micro-benchmark of the dialect work on one request (run by hand, never by ctest):
//
//   gateos_bench_dialects [--iterations N]
//
// A realistic 76 KB Claude Code request (3 system blocks with a ~5.6 KB prompt,
// 24 tools with ~63 KB of schemas, a 10-turn history with tool calls and
// results), through the code the gateway runs for it, measured as the calling
// thread's CPU time (a shared machine's wait for a core is not gateway work):
//
//   pass-through (Anthropic in, Anthropic out; budget 100 µs added):
//     adapter.summarize (validate, read model/stream) + adapter.replaceModel;
//     the answer's bytes are forwarded untouched (no work per event).
//   translation (Anthropic in, OpenAI Chat out; budget 500 µs):
//     summarize + decode to canonical + Chat Completions encode, and the
//     answer: a 40-chunk Chat Completions stream with a tool call parsed (SSE),
//     decoded to canonical events and encoded as Anthropic SSE.
//
// Prints p50 / p99 per request and the ratio to the budget, as the other benches do.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "anthropic_adapter.h"
#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/codec/openai_chat_stream_decoder.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/util/sse_parser.h"

namespace sdk = gateos::sdk;
using gateos::plugins::adapters::anthropic_messages::AnthropicMessagesAdapterPlugin;

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

std::string claudeCodeRequest() {
  const char* names[] = {"Agent", "Bash", "Edit", "Glob", "Grep", "LS", "MultiEdit", "NotebookEdit",
                         "NotebookRead", "Read", "TodoWrite", "WebFetch", "WebSearch", "Write", "TaskCreate",
                         "TaskGet", "TaskList", "TaskOutput", "TaskStop", "TaskUpdate", "ExitPlanMode",
                         "KillShell", "SlashCommand", "BashOutput"};
  sdk::Json tools = sdk::Json::array();
  for (int t = 0; t < 24; ++t)
    tools.push_back({{"name", names[t]},
                     {"description", repeatText("Use this tool to work with the user's files and shell safely. ", 600)},
                     {"input_schema", toolSchema(t, 1800)}});
  sdk::Json system = sdk::Json::array();
  system.push_back({{"type", "text"}, {"text", "x-anthropic-billing-header: cc_version=2.1.197; cc_entrypoint=sdk-cli"}});
  system.push_back({{"type", "text"}, {"text", "You are Claude Code, Anthropic's official CLI for Claude."},
                    {"cache_control", {{"type", "ephemeral"}}}});
  system.push_back({{"type", "text"},
                    {"text", repeatText("You are an interactive CLI tool that helps users with software engineering "
                                        "tasks. Follow the instructions below and use the tools available to you.\n",
                                        5600)},
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
                                      {"content", repeatText("    int parse(const char* p) { return *p ? 1 + parse(p + 1) : 0; }\n", 600)},
                                      {"is_error", false}}}}});
  }
  sdk::Json body = {{"model", "claude-sonnet-4-5"}, {"messages", messages}, {"system", system}, {"tools", tools},
                    {"metadata", {{"user_id", "user_0f3a_account__session_5e1c"}}}, {"max_tokens", 32000},
                    {"thinking", {{"type", "adaptive"}}},
                    {"context_management", {{"edits", {{{"type", "clear_thinking_20251015"}, {"keep", "all"}}}}}},
                    {"output_config", {{"effort", "high"}}}, {"stream", true}};
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

void report(const char* what, Stats s, double budget) {
  std::printf("%-44s p50 %7.1f us  p99 %7.1f us  (budget %4.0f us, ratio %.2f) %s\n", what, s.p50, s.p99, budget,
              s.p50 / budget, s.p50 <= budget ? "PASS" : "FAIL");
}

void partial(const char* what, Stats s) { std::printf("  %-42s p50 %7.1f us  p99 %7.1f us\n", what, s.p50, s.p99); }

}  // namespace

int main(int argc, char** argv) {
  int iterations = 2000;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--iterations") == 0) iterations = std::max(10, std::atoi(argv[i + 1]));

  const std::string body = claudeCodeRequest();
  const auto stream = chatStream();
  std::size_t streamBytes = 0;
  for (const auto& f : stream) streamBytes += f.size();
  std::printf("request: %zu bytes (Claude Code shape: 24 tools, 3 system blocks, 12 messages); answer stream: %zu events, %zu bytes\n",
              body.size(), stream.size(), streamBytes);

  AnthropicMessagesAdapterPlugin adapter;
  sdk::Headers headers;
  sdk::InboundRequest inbound{"POST", "/v1/messages", "beta=true", &headers, body};
  bool ok = true;

  auto summarize = [&] {
    auto s = adapter.summarize(inbound);
    ok = ok && s.isOk();
    return s;
  };
  auto passthrough = [&] {
    auto s = summarize();
    auto out = adapter.replaceModel(body, "claude-sonnet-4-5-20250929");
    ok = ok && out.isOk() && out.value().size() > body.size() - 64;
  };
  std::string upstreamBody;
  auto translateRequest = [&] {
    auto s = summarize();
    auto decoded = adapter.decode(inbound);
    ok = ok && decoded.isOk();
    if (!decoded.isOk()) return;
    auto encoded = sdk::codec::openai_chat::encodeRequest(decoded.value(), "gpt-4.1", {false});
    ok = ok && encoded.isOk();
    if (encoded.isOk()) upstreamBody = std::move(encoded.value());
  };
  std::string clientBytes;
  auto translateAnswer = [&] {
    sdk::RequestSummary summary;
    summary.model = "oa/gpt-4.1";
    summary.stream = true;
    sdk::RequestContext context;
    auto encoder = adapter.makeEncoder(context, summary);
    clientBytes.clear();
    sdk::codec::openai_chat::StreamDecoder decoder([&](const sdk::StreamEvent& e) { encoder->onEvent(e, clientBytes); });
    sdk::util::SseParser parser;
    auto onSse = [&](const sdk::util::SseEvent& e) { ok = ok && decoder.feed(e.data).isOk(); };
    for (const auto& f : stream) parser.feed(f, onSse);
    parser.finish(onSse);
    ok = ok && decoder.finish().isOk();
    encoder->finish(clientBytes);
  };

  Stats pass = measure(iterations, passthrough);
  Stats sum = measure(iterations, [&] { summarize(); });
  Stats req = measure(iterations, translateRequest);
  Stats ans = measure(iterations, translateAnswer);
  Stats cross = measure(iterations, [&] {
    translateRequest();
    translateAnswer();
  });
  if (!ok) {
    std::fprintf(stderr, "a step failed: the benchmark input is not valid\n");
    return 1;
  }
  std::printf("translated upstream body: %zu bytes; client stream: %zu bytes\n", upstreamBody.size(), clientBytes.size());
  report("pass-through (summarize + replace model)", pass, 100);
  partial("of which summarize (validate, model, stream)", sum);
  report("translation Anthropic -> OpenAI Chat, total", cross, 500);
  partial("request: summarize + decode + encode", req);
  partial("answer: 43 SSE events decoded + encoded", ans);
  return 0;
}
