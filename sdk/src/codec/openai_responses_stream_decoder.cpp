// StreamDecoder: upstream Responses SSE data -> canonical events.
#include "gateos/sdk/codec/openai_responses_stream_decoder.h"

#include "gateos/sdk/codec/openai_responses.h"
#include "json_fast.h"

namespace gateos::sdk::codec::openai_responses {

using ET = StreamEvent::Type;

namespace {

std::string stringField(const Json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int intField(const Json& o, const char* key, int fallback) {
  auto it = o.find(key);
  return it != o.end() && it->is_number_integer() ? it->get<int>() : fallback;
}

// The text an item carries when it is complete (output_text parts, summary parts).
std::string itemText(const Json& item, const char* list, const char* partType) {
  std::string out;
  auto parts = item.find(list);
  if (parts == item.end() || !parts->is_array()) return out;
  for (const auto& p : *parts) {
    if (!p.is_object()) continue;
    std::string type = stringField(p, "type");
    if (type != partType && !(type == "refusal" && std::string_view(partType) == "output_text")) continue;
    if (!out.empty() && std::string_view(partType) == "summary_text") out += "\n\n";
    out += stringField(p, type == "refusal" ? "refusal" : "text");
  }
  return out;
}

}  // namespace

// An error object ({code, message}) of a failed response or an error event.
Status statusFromErrorObject(const Json& error) {
  std::string code = stringField(error, "code");
  std::string message = stringField(error, "message");
  if (message.empty()) message = "the upstream response failed";
  StatusCode sc = StatusCode::kUpstreamError;
  int http = 502;
  if (code == "rate_limit_exceeded") {
    sc = StatusCode::kRateLimited;
    http = 429;
  } else if (code == "server_is_overloaded" || code == "server_error") {
    sc = StatusCode::kUnavailable;
    http = code == "server_error" ? 500 : 503;
  } else if (code == "context_length_exceeded" || code.starts_with("invalid")) {
    sc = StatusCode::kInvalidArgument;
    http = 400;
  }
  Status status(sc, std::move(message));
  status.withHttpStatus(http);
  if (!code.empty()) status.withReason(std::move(code));
  return status;
}

StreamDecoder::StreamDecoder(Callback onEvent) : onEvent_(std::move(onEvent)) {}

void StreamDecoder::emit(ET type, int index, std::string_view text, std::string_view id, std::string_view name) {
  StreamEvent e;
  e.type = type;
  e.index = index;
  e.text = text;
  e.id = id;
  e.name = name;
  onEvent_(e);
}

void StreamDecoder::emitStart(const Json& response) {
  if (started_) return;
  started_ = true;
  std::string id = response.is_object() ? stringField(response, "id") : std::string();
  std::string model = response.is_object() ? stringField(response, "model") : std::string();
  emit(ET::kStart, 0, {}, id, model);
}

void StreamDecoder::emitEnd(const Json& response, bool incomplete) {
  emitStart(response);
  for (auto& [index, item] : items_)
    if (!item.stopped && item.kind != Kind::kOther) {
      item.stopped = true;
      emit(ET::kBlockStop, index, {});
    }
  if (auto usage = response.find("usage"); usage != response.end() && usage->is_object()) {
    StreamEvent e;
    e.type = ET::kUsage;
    e.usage = usageFromJson(*usage);
    onEvent_(e);
  }
  StreamEvent e;
  e.type = ET::kFinish;
  e.finishReason = sawFunctionCall_ ? FinishReason::kToolCalls : FinishReason::kStop;
  if (incomplete) {
    std::string reason;
    if (auto d = response.find("incomplete_details"); d != response.end() && d->is_object())
      reason = stringField(*d, "reason");
    e.finishReason = reason == "content_filter" ? FinishReason::kContentFilter : FinishReason::kLength;
  }
  finished_ = true;
  onEvent_(e);
}

Status StreamDecoder::onItem(const Json& data, bool done) {
  int index = intField(data, "output_index", 0);
  auto itemIt = data.find("item");
  if (itemIt == data.end() || !itemIt->is_object()) return {};
  const Json& item = *itemIt;
  std::string type = stringField(item, "type");
  Item& state = items_[index];
  if (state.kind == Kind::kOther) {
    state.kind = type == "message"         ? Kind::kMessage
                 : type == "reasoning"     ? Kind::kReasoning
                 : type == "function_call" ? Kind::kFunctionCall
                                           : Kind::kOther;
  }
  switch (state.kind) {
    case Kind::kFunctionCall: {
      sawFunctionCall_ = true;
      if (!state.started) {
        state.started = true;
        std::string callId = stringField(item, "call_id");
        std::string name = stringField(item, "name");
        emit(ET::kToolCallStart, index, {}, callId, name);
      }
      std::string arguments = stringField(item, "arguments");
      if (!state.emitted && !arguments.empty()) {
        state.emitted = true;
        emit(ET::kToolCallDelta, index, arguments);
      }
      break;
    }
    case Kind::kMessage:
      if (done && !state.emitted) {
        std::string text = itemText(item, "content", "output_text");
        if (!text.empty()) emit(ET::kTextDelta, index, text);
      }
      break;
    case Kind::kReasoning:
      if (done && !state.emitted) {
        std::string text = itemText(item, "summary", "summary_text");
        if (text.empty()) text = itemText(item, "content", "reasoning_text");
        if (!text.empty()) emit(ET::kReasoningDelta, index, text);
      }
      break;
    case Kind::kOther:
      return {};
  }
  if (done && !state.stopped) {
    state.stopped = true;
    emit(ET::kBlockStop, index, {});
  }
  return {};
}

Status StreamDecoder::feed(std::string_view data) {
  if (finished_) return {};
  if (data == "[DONE]") return {};
  Json j = detail::parseJsonOrDiscarded(data);
  if (j.is_discarded() || !j.is_object())
    return Status(StatusCode::kUpstreamError, "malformed event in the upstream stream").withReason("invalid_stream");
  std::string type = stringField(j, "type");
  static const Json kEmpty = Json::object();
  auto responseIt = j.find("response");
  const Json& response = responseIt != j.end() && responseIt->is_object() ? *responseIt : kEmpty;

  if (type == "response.created" || type == "response.in_progress") {
    emitStart(response);
    return {};
  }
  if (type == "response.output_item.added" || type == "response.output_item.done") {
    emitStart(kEmpty);
    return onItem(j, type == "response.output_item.done");
  }
  if (type == "response.output_text.delta" || type == "response.refusal.delta" ||
      type == "response.reasoning_summary_text.delta" || type == "response.reasoning_text.delta" ||
      type == "response.function_call_arguments.delta") {
    emitStart(kEmpty);
    std::string delta = stringField(j, "delta");
    if (delta.empty()) return {};
    int index = intField(j, "output_index", 0);
    Item& state = items_[index];
    if (type == "response.function_call_arguments.delta") {
      if (state.kind == Kind::kOther) state.kind = Kind::kFunctionCall;
      if (!state.started) {  // arguments before output_item.added: start without a name
        state.started = true;
        sawFunctionCall_ = true;
        std::string itemId = stringField(j, "item_id");
        emit(ET::kToolCallStart, index, {}, itemId, {});
      }
      state.emitted = true;
      emit(ET::kToolCallDelta, index, delta);
      return {};
    }
    bool reasoning = type == "response.reasoning_summary_text.delta" || type == "response.reasoning_text.delta";
    if (state.kind == Kind::kOther) state.kind = reasoning ? Kind::kReasoning : Kind::kMessage;
    if (reasoning) {
      int summary = intField(j, "summary_index", 0);
      if (state.emitted && summary != state.summaryIndex) emit(ET::kReasoningDelta, index, "\n\n");
      state.summaryIndex = summary;
    }
    state.emitted = true;
    emit(reasoning ? ET::kReasoningDelta : ET::kTextDelta, index, delta);
    return {};
  }
  if (type == "response.completed" || type == "response.incomplete") {
    emitEnd(response, type == "response.incomplete");
    return {};
  }
  if (type == "response.failed") {
    auto error = response.find("error");
    return statusFromErrorObject(error != response.end() && error->is_object() ? *error : kEmpty);
  }
  if (type == "error") {
    if (auto error = j.find("error"); error != j.end() && error->is_object()) return statusFromErrorObject(*error);
    return statusFromErrorObject(j);
  }
  return {};  // content_part.*, *.done, annotations, built-in tool progress …
}

Status StreamDecoder::finish() {
  if (finished_) return {};
  return Status(StatusCode::kUnavailable, "the upstream stream ended before response.completed")
      .withReason("incomplete_stream");
}

}  // namespace gateos::sdk::codec::openai_responses
