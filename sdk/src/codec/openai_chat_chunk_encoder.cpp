// ChunkEncoder: canonical events -> chat.completion.chunk SSE frames, written by
// hand (no JSON DOM per delta).
#include "gateos/sdk/codec/openai_chat_chunk_encoder.h"

#include "gateos/sdk/codec/openai_chat.h"
#include "json_text.h"
#include "usage_json.h"

namespace gateos::sdk::codec::openai_chat {

ChunkEncoder::ChunkEncoder(std::string model, bool includeUsage, std::int64_t created)
    : model_(std::move(model)), includeUsage_(includeUsage), created_(created != 0 ? created : detail::unixNow()) {}

void ChunkEncoder::ensurePrefix(std::string_view id, std::string_view model) {
  if (!prefix_.empty()) return;
  prefix_ = R"(data: {"id":)";
  detail::appendJsonString(prefix_, id.empty() ? std::string_view("chatcmpl-gateos") : id);
  prefix_ += R"(,"object":"chat.completion.chunk","created":)";
  prefix_ += std::to_string(created_);
  prefix_ += R"(,"model":)";
  detail::appendJsonString(prefix_, model_.empty() ? model : std::string_view(model_));
  prefix_ += R"(,"choices":[{"index":0,"delta":)";
}

void ChunkEncoder::beginChunk(std::string& out) {
  ensurePrefix({}, {});
  out += prefix_;
}

void ChunkEncoder::endChunk(std::string& out, std::string_view finishReason) {
  out += R"(,"logprobs":null,"finish_reason":)";
  if (finishReason.empty()) out += "null";
  else detail::appendJsonString(out, finishReason);
  out += "}]}\n\n";
}

void ChunkEncoder::ensureRole(std::string& out) {
  if (roleSent_) return;
  roleSent_ = true;
  beginChunk(out);
  out += R"({"role":"assistant","content":""})";
  endChunk(out, {});
}

void ChunkEncoder::onEvent(const StreamEvent& event, std::string& out) {
  if (finishSent_) return;
  switch (event.type) {
    case StreamEvent::Type::kStart:
      ensurePrefix(event.id, event.name);
      ensureRole(out);
      return;
    case StreamEvent::Type::kTextDelta:
    case StreamEvent::Type::kReasoningDelta:
      if (event.text.empty()) return;
      ensureRole(out);
      beginChunk(out);
      out += event.type == StreamEvent::Type::kTextDelta ? R"({"content":)" : R"({"reasoning_content":)";
      detail::appendJsonString(out, event.text);
      out += '}';
      endChunk(out, {});
      return;
    case StreamEvent::Type::kToolCallStart: {
      ensureRole(out);
      auto [it, inserted] = toolIndex_.try_emplace(event.index, static_cast<int>(toolIndex_.size()));
      beginChunk(out);
      out += R"({"tool_calls":[{"index":)";
      out += std::to_string(it->second);
      out += R"(,"id":)";
      detail::appendJsonString(out, event.id);
      out += R"(,"type":"function","function":{"name":)";
      detail::appendJsonString(out, event.name);
      out += R"(,"arguments":""}}]})";
      endChunk(out, {});
      return;
    }
    case StreamEvent::Type::kToolCallDelta: {
      if (event.text.empty()) return;
      ensureRole(out);
      auto [it, inserted] = toolIndex_.try_emplace(event.index, static_cast<int>(toolIndex_.size()));
      beginChunk(out);
      out += R"({"tool_calls":[{"index":)";
      out += std::to_string(it->second);
      out += R"(,"function":{"arguments":)";
      detail::appendJsonString(out, event.text);
      out += "}}]}";
      endChunk(out, {});
      return;
    }
    case StreamEvent::Type::kBlockStop:
      return;
    case StreamEvent::Type::kUsage:
      usage_ = event.usage;
      hasUsage_ = true;
      return;
    case StreamEvent::Type::kFinish:
      ensureRole(out);
      beginChunk(out);
      out += "{}";
      endChunk(out, finishReasonToString(event.finishReason));
      finishSent_ = true;
      return;
  }
}

void ChunkEncoder::finish(std::string& out) {
  if (includeUsage_) {
    ensurePrefix({}, {});
    // The prefix ends inside choices[0]; the usage chunk has "choices": [].
    std::string head = prefix_.substr(0, prefix_.find(R"("choices":)"));
    out += head;
    out += R"("choices":[],"usage":)";
    out += detail::usageToJson<Json>(usage_).dump();
    out += "}\n\n";
  }
  out += "data: [DONE]\n\n";
}

void ChunkEncoder::streamError(const Status& status, std::string& out) {
  out += "data: ";
  out += errorBody(status);
  out += "\n\n";
}

}  // namespace gateos::sdk::codec::openai_chat
