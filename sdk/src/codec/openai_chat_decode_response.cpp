// decodeResponse: a non-streaming chat.completion body -> canonical events.
#include "gateos/sdk/codec/openai_chat.h"
#include "usage_json.h"

namespace gateos::sdk::codec::openai_chat {
namespace {

Status invalid(std::string message) {
  return Status(StatusCode::kUpstreamError, "invalid upstream response: " + std::move(message))
      .withReason("invalid_upstream_response");
}

const std::string* stringField(const Json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

}  // namespace

Status decodeResponse(std::string_view body, const std::function<void(const StreamEvent&)>& onEvent) {
  Json root = Json::parse(body, nullptr, false);
  if (root.is_discarded() || !root.is_object()) return invalid("not a JSON object");
  if (auto err = root.find("error"); err != root.end() && !err->is_null())
    return statusFromUpstreamError(502, body, Headers{});

  // Validate first: an error must come before any event.
  auto choices = root.find("choices");
  if (choices == root.end() || !choices->is_array()) return invalid("choices: expected array");
  const Json* message = nullptr;
  const Json* choice = nullptr;
  for (const auto& c : *choices) {
    if (c.is_object() && c.value("index", 0) == 0) {
      choice = &c;
      break;
    }
  }
  if (choice != nullptr) {
    auto m = choice->find("message");
    if (m == choice->end() || !m->is_object()) return invalid("choices[0].message: expected object");
    message = &*m;
    if (auto calls = message->find("tool_calls"); calls != message->end() && !calls->is_null()) {
      if (!calls->is_array()) return invalid("choices[0].message.tool_calls: expected array");
      for (const auto& call : *calls)
        if (!call.is_object() || !call.contains("function") || !call["function"].is_object())
          return invalid("choices[0].message.tool_calls: expected objects with a function");
    }
  }

  std::string id = root.value("id", std::string());
  std::string model = root.value("model", std::string());
  StreamEvent start;
  start.type = StreamEvent::Type::kStart;
  start.id = id;
  start.name = model;
  onEvent(start);

  int block = 0;
  auto emitBlock = [&](StreamEvent::Type type, std::string_view text) {
    StreamEvent e;
    e.type = type;
    e.index = block;
    e.text = text;
    onEvent(e);
    StreamEvent stop;
    stop.type = StreamEvent::Type::kBlockStop;
    stop.index = block++;
    onEvent(stop);
  };
  if (message != nullptr) {
    const std::string* reasoning = stringField(*message, "reasoning_content");
    if (reasoning == nullptr) reasoning = stringField(*message, "reasoning");
    if (reasoning != nullptr && !reasoning->empty()) emitBlock(StreamEvent::Type::kReasoningDelta, *reasoning);
    const std::string* content = stringField(*message, "content");
    if (content == nullptr) content = stringField(*message, "refusal");
    if (content != nullptr && !content->empty()) emitBlock(StreamEvent::Type::kTextDelta, *content);
    if (auto calls = message->find("tool_calls"); calls != message->end() && calls->is_array()) {
      for (const auto& call : *calls) {
        const Json& fn = call["function"];
        std::string callId = call.value("id", std::string());
        std::string name = fn.value("name", std::string());
        std::string args;
        if (auto a = fn.find("arguments"); a != fn.end()) args = a->is_string() ? a->get<std::string>() : a->dump();
        StreamEvent e;
        e.type = StreamEvent::Type::kToolCallStart;
        e.index = block;
        e.id = callId;
        e.name = name;
        onEvent(e);
        if (!args.empty()) {
          StreamEvent d;
          d.type = StreamEvent::Type::kToolCallDelta;
          d.index = block;
          d.text = args;
          onEvent(d);
        }
        StreamEvent stop;
        stop.type = StreamEvent::Type::kBlockStop;
        stop.index = block++;
        onEvent(stop);
      }
    }
  }
  if (auto u = root.find("usage"); u != root.end() && u->is_object()) {
    StreamEvent e;
    e.type = StreamEvent::Type::kUsage;
    e.usage = detail::usageFromJson(*u);
    onEvent(e);
  }
  StreamEvent finish;
  finish.type = StreamEvent::Type::kFinish;
  const std::string* reason = choice != nullptr ? stringField(*choice, "finish_reason") : nullptr;
  finish.finishReason = reason != nullptr ? finishReasonFromString(*reason) : FinishReason::kStop;
  onEvent(finish);
  return {};
}

}  // namespace gateos::sdk::codec::openai_chat
