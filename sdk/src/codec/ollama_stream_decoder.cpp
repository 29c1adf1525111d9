// StreamDecoder: Ollama /api/chat NDJSON lines -> canonical events.
#include "json_fast.h"
#include "gateos/sdk/codec/ollama_stream_decoder.h"

#include "gateos/sdk/codec/ollama_decode_response.h"
#include "part_events.h"

namespace gateos::sdk::codec::ollama {
namespace {

Status invalidChunk(const std::string& what) {
  return Status(StatusCode::kUpstreamError, "invalid stream chunk: " + what).withReason("invalid_upstream_response");
}

const std::string* stringField(const Json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

}  // namespace

StreamDecoder::StreamDecoder(Callback onEvent)
    : onEvent_(std::move(onEvent)), events_(std::make_unique<detail::PartEvents>(onEvent_)) {}

StreamDecoder::~StreamDecoder() = default;

bool StreamDecoder::finished() const noexcept { return events_->finished(); }

Status StreamDecoder::feed(std::string_view line) {
  if (events_->finished()) return {};
  Json chunk = detail::parseJsonOrDiscarded(line);
  if (chunk.is_discarded() || !chunk.is_object()) return invalidChunk("not a JSON object");
  return feedChunk(chunk);
}

Status StreamDecoder::feedChunk(const Json& chunk) {
  if (events_->finished()) return {};
  if (auto err = chunk.find("error"); err != chunk.end() && !err->is_null())
    return statusFromUpstreamError(502, chunk.dump(), Headers{});
  auto& ev = *events_;
  const std::string* model = stringField(chunk, "model");
  ev.start({}, model ? std::string_view(*model) : std::string_view());
  if (auto m = chunk.find("message"); m != chunk.end()) {
    if (!m->is_object()) return invalidChunk("message: expected an object");
    if (const auto* thinking = stringField(*m, "thinking")) ev.reasoning(*thinking);
    if (const auto* content = stringField(*m, "content")) ev.text(*content);
    if (auto calls = m->find("tool_calls"); calls != m->end() && calls->is_array()) {
      for (const auto& call : *calls) {
        auto fn = call.is_object() ? call.find("function") : call.end();
        if (!call.is_object() || fn == call.end() || !fn->is_object())
          return invalidChunk("message.tool_calls: expected {\"function\": {…}}");
        const std::string* name = stringField(*fn, "name");
        if (name == nullptr) return invalidChunk("message.tool_calls[].function.name: expected a string");
        std::string arguments;
        if (auto a = fn->find("arguments"); a != fn->end() && !a->is_null())
          arguments = a->is_string() ? a->get<std::string>() : a->dump();
        else
          arguments = "{}";
        const std::string* id = stringField(call, "id");
        ev.toolCall(id != nullptr && !id->empty() ? *id : detail::newToolCallId(), *name, arguments);
      }
    }
  }
  auto done = chunk.find("done");
  if (done != chunk.end() && done->is_boolean() && done->get<bool>()) {
    ev.closeBlock();
    ev.usage(usageFromCounts(chunk));
    const std::string* reason = stringField(chunk, "done_reason");
    auto finish = finishReasonFromDoneReason(reason ? std::string_view(*reason) : std::string_view());
    // Ollama ends an answer that called tools with "stop".
    if (finish == FinishReason::kStop && ev.sawToolCall()) finish = FinishReason::kToolCalls;
    ev.finish(finish);
  }
  return {};
}

Status StreamDecoder::finish() {
  if (events_->finished()) return {};
  return Status(StatusCode::kUnavailable, "stream ended before the answer was complete").withReason("incomplete_stream");
}

}  // namespace gateos::sdk::codec::ollama
