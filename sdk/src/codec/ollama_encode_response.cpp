// Ollama inbound: canonical events → NDJSON lines or one JSON answer.
#include "gateos/sdk/codec/ollama_encode_response.h"

#include "json_text.h"

namespace gateos::sdk::codec::ollama {
namespace {

using detail::appendJsonString;

// Tool-call arguments are JSON text in canonical; Ollama sends an object. Text
// that does not parse as an object travels as a string rather than being lost.
void appendArguments(std::string& out, std::string_view arguments) {
  if (arguments.empty()) {
    out += "{}";
    return;
  }
  Json parsed = Json::parse(arguments, nullptr, false);
  if (!parsed.is_discarded() && parsed.is_object()) out += parsed.dump(-1, ' ', false, Json::error_handler_t::replace);
  else appendJsonString(out, arguments);
}

}  // namespace

AnswerEncoder::AnswerEncoder(Endpoint endpoint, bool stream, std::string model)
    : endpoint_(endpoint), stream_(stream), model_(std::move(model)), started_(std::chrono::steady_clock::now()) {}

void AnswerEncoder::beginLine(std::string& out) const {
  out += R"({"model":)";
  appendJsonString(out, model_);
  out += R"(,"created_at":")";
  out += formatTimestamp(std::chrono::system_clock::now());
  out += '"';
}

void AnswerEncoder::writeDelta(std::string& out, std::string_view text, bool thinking) const {
  beginLine(out);
  if (endpoint_ == Endpoint::kChat) {
    out += R"(,"message":{"role":"assistant","content":)";
    if (thinking) {
      out += R"("","thinking":)";
      appendJsonString(out, text);
    } else {
      appendJsonString(out, text);
    }
    out += '}';
  } else {
    out += R"(,"response":)";
    if (thinking) {
      out += R"("","thinking":)";
      appendJsonString(out, text);
    } else {
      appendJsonString(out, text);
    }
  }
  out += ",\"done\":false}\n";
}

void AnswerEncoder::writeToolCall(std::string& out, const PendingCall& call, int index) const {
  beginLine(out);
  out += R"(,"message":{"role":"assistant","content":"","tool_calls":[{"id":)";
  appendJsonString(out, call.id);
  out += R"(,"function":{"index":)";
  out += std::to_string(index);
  out += R"(,"name":)";
  appendJsonString(out, call.name);
  out += R"(,"arguments":)";
  appendArguments(out, call.arguments);
  out += "}}]},\"done\":false}\n";
}

void AnswerEncoder::flushCalls(std::string& out) {
  for (auto& [index, call] : calls_) {
    if (call.sent) continue;
    call.sent = true;
    if (endpoint_ == Endpoint::kChat) writeToolCall(out, call, callsSent_++);
  }
}

void AnswerEncoder::onEvent(const StreamEvent& event, std::string& out) {
  if (finished_) return;
  if (!stream_) {
    whole_.add(event);
    if (event.type == StreamEvent::Type::kUsage) usage_ = event.usage;
    if (event.type == StreamEvent::Type::kFinish) finishReason_ = event.finishReason;
    return;
  }
  switch (event.type) {
    case StreamEvent::Type::kStart:
      return;
    case StreamEvent::Type::kTextDelta:
      if (!event.text.empty()) writeDelta(out, event.text, false);
      return;
    case StreamEvent::Type::kReasoningDelta:
      if (!event.text.empty()) writeDelta(out, event.text, true);
      return;
    case StreamEvent::Type::kToolCallStart: {
      auto& call = calls_[event.index];
      call.id = std::string(event.id);
      call.name = std::string(event.name);
      return;
    }
    case StreamEvent::Type::kToolCallDelta:
      calls_[event.index].arguments.append(event.text);
      return;
    case StreamEvent::Type::kBlockStop:
      if (auto it = calls_.find(event.index); it != calls_.end() && !it->second.sent) {
        it->second.sent = true;
        if (endpoint_ == Endpoint::kChat) writeToolCall(out, it->second, callsSent_++);
      }
      return;
    case StreamEvent::Type::kUsage:
      usage_ = event.usage;
      return;
    case StreamEvent::Type::kFinish:
      finishReason_ = event.finishReason;
      flushCalls(out);
      return;
  }
}

void AnswerEncoder::writeTotals(std::string& out) const {
  auto total = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started_).count();
  out += R"(,"done":true,"done_reason":")";
  out += doneReasonFor(finishReason_);
  out += R"(","total_duration":)";
  out += std::to_string(total);
  out += R"(,"load_duration":0,"prompt_eval_count":)";
  out += std::to_string(usage_.inputTokens);
  out += R"(,"prompt_eval_duration":0,"eval_count":)";
  out += std::to_string(usage_.outputTokens);
  out += R"(,"eval_duration":)";
  out += std::to_string(total);
  out += "}";
}

void AnswerEncoder::finish(std::string& out) {
  if (finished_) return;
  if (stream_) {
    flushCalls(out);
    finished_ = true;
    beginLine(out);
    if (endpoint_ == Endpoint::kChat) out += R"(,"message":{"role":"assistant","content":""})";
    else out += R"(,"response":"")";
    writeTotals(out);
    out += '\n';
    return;
  }
  finished_ = true;
  ChatResponse response = whole_.take();
  std::string text, thinking;
  for (const auto& block : response.content) {
    if (block.type == ContentBlock::Type::kText) text += block.text;
    else if (block.type == ContentBlock::Type::kReasoning) thinking += block.text;
  }
  beginLine(out);
  if (endpoint_ == Endpoint::kChat) {
    out += R"(,"message":{"role":"assistant","content":)";
    appendJsonString(out, text);
    if (!thinking.empty()) {
      out += R"(,"thinking":)";
      appendJsonString(out, thinking);
    }
    int index = 0;
    for (const auto& block : response.content) {
      if (block.type != ContentBlock::Type::kToolCall) continue;
      out += index == 0 ? R"(,"tool_calls":[)" : ",";
      out += R"({"id":)";
      appendJsonString(out, block.toolCallId);
      out += R"(,"function":{"index":)";
      out += std::to_string(index++);
      out += R"(,"name":)";
      appendJsonString(out, block.toolName);
      out += R"(,"arguments":)";
      appendArguments(out, block.arguments);
      out += "}}";
    }
    if (index > 0) out += ']';
    out += '}';
  } else {
    out += R"(,"response":)";
    appendJsonString(out, text);
    if (!thinking.empty()) {
      out += R"(,"thinking":)";
      appendJsonString(out, thinking);
    }
  }
  writeTotals(out);
}

void AnswerEncoder::streamError(const Status& status, std::string& out) {
  if (finished_) return;
  finished_ = true;
  out += errorBody(status);
  out += '\n';
}

std::string errorBody(const Status& status) {
  std::string out = R"({"error":)";
  appendJsonString(out, status.message().empty() ? std::string_view("internal error") : std::string_view(status.message()));
  out += '}';
  return out;
}

std::string formatTimestamp(std::chrono::system_clock::time_point time) {
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(ns / 1'000'000'000);
  long fraction = static_cast<long>(ns % 1'000'000'000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%09ldZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, fraction);
  return buffer;
}

}  // namespace gateos::sdk::codec::ollama
