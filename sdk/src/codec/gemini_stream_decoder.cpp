// StreamDecoder and decodeResponse: Gemini GenerateContentResponse -> canonical events.
#include "json_fast.h"
#include "gateos/sdk/codec/gemini_stream_decoder.h"

#include "gateos/sdk/codec/gemini.h"
#include "part_events.h"

namespace gateos::sdk::codec::gemini {
namespace {

Status invalid(const std::string& what) {
  return Status(StatusCode::kUpstreamError, "invalid stream chunk: " + what).withReason("invalid_upstream_response");
}

const std::string* stringField(const Json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

// Checks the parts of candidate 0 before any event is emitted for the chunk.
Status validateParts(const Json& parts) {
  if (!parts.is_array()) return invalid("candidates[0].content.parts: expected an array");
  for (const auto& part : parts) {
    if (!part.is_object()) return invalid("candidates[0].content.parts[]: expected an object");
    if (auto fc = part.find("functionCall"); fc != part.end()) {
      if (!fc->is_object() || stringField(*fc, "name") == nullptr)
        return invalid("functionCall: expected {\"name\": …, \"args\": {…}}");
    }
  }
  return {};
}

}  // namespace

StreamDecoder::StreamDecoder(Callback onEvent)
    : onEvent_(std::move(onEvent)), events_(std::make_unique<detail::PartEvents>(onEvent_)) {}

StreamDecoder::~StreamDecoder() = default;

Status StreamDecoder::feed(std::string_view data) {
  if (events_->finished()) return {};
  Json chunk = detail::parseJsonOrDiscarded(data);
  if (chunk.is_discarded() || !chunk.is_object()) return invalid("not a JSON object");
  return feedChunk(chunk);
}

Status StreamDecoder::feedChunk(const Json& chunk) {
  if (events_->finished()) return {};
  if (auto err = chunk.find("error"); err != chunk.end() && !err->is_null()) {
    int code = err->is_object() && (*err).contains("code") && (*err)["code"].is_number_integer() ? (*err)["code"].get<int>() : 502;
    return statusFromUpstreamError(code >= 400 && code < 600 ? code : 502, chunk.dump(), Headers{});
  }
  const Json* parts = nullptr;
  const Json* candidate = nullptr;
  if (auto cands = chunk.find("candidates"); cands != chunk.end()) {
    if (!cands->is_array()) return invalid("candidates: expected an array");
    if (!cands->empty()) {
      candidate = &(*cands)[0];
      if (!candidate->is_object()) return invalid("candidates[0]: expected an object");
      if (auto content = candidate->find("content"); content != candidate->end() && content->is_object())
        if (auto p = content->find("parts"); p != content->end()) {
          if (auto s = validateParts(*p); !s) return s;
          parts = &*p;
        }
    }
  }
  auto& ev = *events_;
  const std::string* id = stringField(chunk, "responseId");
  const std::string* model = stringField(chunk, "modelVersion");
  ev.start(id ? std::string_view(*id) : std::string_view(), model ? std::string_view(*model) : std::string_view());
  if (parts != nullptr) {
    for (const auto& part : *parts) {
      if (auto fc = part.find("functionCall"); fc != part.end()) {
        std::string args = "{}";
        if (auto a = fc->find("args"); a != fc->end() && a->is_object()) args = a->dump();
        const std::string* callId = stringField(*fc, "id");
        const std::string* signature = stringField(part, "thoughtSignature");
        ev.toolCall(toolCallId(callId && !callId->empty() ? *callId : detail::newToolCallId(),
                               signature ? std::string_view(*signature) : std::string_view()),
                    *stringField(*fc, "name"), args);
        continue;
      }
      const std::string* text = stringField(part, "text");
      if (text == nullptr) continue;  // executableCode, inlineData … have no canonical event
      auto thought = part.find("thought");
      if (thought != part.end() && thought->is_boolean() && thought->get<bool>()) ev.reasoning(*text);
      else ev.text(*text);
    }
  }
  if (auto u = chunk.find("usageMetadata"); u != chunk.end() && u->is_object()) usage_ = usageFromJson(*u);
  if (candidate != nullptr)
    if (const auto* reason = stringField(*candidate, "finishReason"); reason != nullptr && !reason->empty())
      finishName_ = *reason;
  if (!finishName_.empty()) finishReason_ = finishReasonFromString(finishName_, ev.sawToolCall());
  if (auto feedback = chunk.find("promptFeedback"); feedback != chunk.end() && feedback->is_object() &&
                                                     stringField(*feedback, "blockReason") != nullptr)
    finishReason_ = FinishReason::kContentFilter;
  return {};
}

Status StreamDecoder::finish() {
  if (events_->finished()) return {};
  if (!finishReason_)
    return Status(StatusCode::kUnavailable, "stream ended before the answer was complete").withReason("incomplete_stream");
  events_->closeBlock();
  if (usage_) events_->usage(*usage_);
  events_->finish(*finishReason_);
  return {};
}

Status decodeResponse(std::string_view body, const std::function<void(const StreamEvent&)>& onEvent) {
  Json root = Json::parse(body, nullptr, false);
  if (root.is_discarded() || !root.is_object())
    return Status(StatusCode::kUpstreamError, "invalid response: not a JSON object").withReason("invalid_upstream_response");
  if (auto err = root.find("error"); err != root.end() && !err->is_null())
    return statusFromUpstreamError(502, body, Headers{});
  // A whole answer is one chunk; without a finishReason it ended normally.
  StreamDecoder decoder(onEvent);
  if (auto s = decoder.feedChunk(root); !s) return s;
  if (auto s = decoder.finish(); s) return s;
  if (auto s = decoder.feedChunk(Json{{"candidates", Json::array({Json{{"finishReason", "STOP"}}})}}); !s) return s;
  return decoder.finish();
}

}  // namespace gateos::sdk::codec::gemini
