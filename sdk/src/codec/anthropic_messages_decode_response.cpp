// decodeResponse: a non-streaming Messages body -> canonical events.
#include "gateos/sdk/codec/anthropic_messages.h"

namespace gateos::sdk::codec::anthropic_messages {
namespace {

using ET = StreamEvent::Type;

Status invalid(std::string message) {
  return Status(StatusCode::kUpstreamError, "invalid upstream response: " + std::move(message))
      .withReason("invalid_upstream_response");
}

std::string stringOr(const Json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Status decodeResponse(std::string_view body, const std::function<void(const StreamEvent&)>& onEvent) {
  Json root = Json::parse(body, nullptr, false);
  if (root.is_discarded() || !root.is_object()) return invalid("not a JSON object");
  if (root.value("type", "") == "error") {
    std::string type = "api_error";
    if (auto err = root.find("error"); err != root.end() && err->is_object()) type = stringOr(*err, "type");
    return statusFromUpstreamError(httpStatusForErrorType(type), body, Headers{});
  }
  // Validate first: an error must come before any event.
  auto content = root.find("content");
  if (content == root.end() || !content->is_array()) return invalid("content: expected array");
  for (const auto& block : *content)
    if (!block.is_object() || !block.contains("type") || !block["type"].is_string())
      return invalid("content: expected objects with a type");

  std::string id = stringOr(root, "id");
  std::string model = stringOr(root, "model");
  StreamEvent start;
  start.type = ET::kStart;
  start.id = id;
  start.name = model;
  onEvent(start);

  int index = 0;
  for (const auto& block : *content) {
    const std::string type = block["type"].get<std::string>();
    StreamEvent e;
    e.index = index;
    std::string a, b;  // owners of the views in `e`
    if (type == "text") {
      a = stringOr(block, "text");
      e.type = ET::kTextDelta;
      e.text = a;
      if (!a.empty()) onEvent(e);
    } else if (type == "thinking") {
      a = stringOr(block, "thinking");
      b = stringOr(block, "signature");
      e.type = ET::kReasoningDelta;
      e.text = a;
      if (!a.empty()) onEvent(e);
      if (!b.empty()) {
        StreamEvent sig;
        sig.type = ET::kReasoningDelta;
        sig.index = index;
        sig.name = "signature";
        sig.id = b;
        onEvent(sig);
      }
    } else if (type == "redacted_thinking") {
      a = stringOr(block, "data");
      e.type = ET::kReasoningDelta;
      e.name = "redacted_thinking";
      e.id = a;
      onEvent(e);
    } else if (type == "tool_use") {
      a = stringOr(block, "id");
      b = stringOr(block, "name");
      e.type = ET::kToolCallStart;
      e.id = a;
      e.name = b;
      onEvent(e);
      std::string args = "{}";
      if (auto input = block.find("input"); input != block.end() && input->is_object()) args = input->dump();
      StreamEvent d;
      d.type = ET::kToolCallDelta;
      d.index = index;
      d.text = args;
      onEvent(d);
    } else {
      continue;  // server tool blocks: no canonical form
    }
    StreamEvent stop;
    stop.type = ET::kBlockStop;
    stop.index = index++;
    onEvent(stop);
  }
  if (auto u = root.find("usage"); u != root.end() && u->is_object()) {
    StreamEvent e;
    e.type = ET::kUsage;
    e.usage = usageFromJson(*u);
    onEvent(e);
  }
  StreamEvent finish;
  finish.type = ET::kFinish;
  std::string reason = stringOr(root, "stop_reason");
  std::string sequence = stringOr(root, "stop_sequence");
  finish.finishReason = reason.empty() ? FinishReason::kStop : finishReasonFromString(reason);
  finish.text = sequence;
  onEvent(finish);
  return {};
}

}  // namespace gateos::sdk::codec::anthropic_messages
