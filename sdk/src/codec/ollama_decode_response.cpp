// decodeResponse: a non-streaming Ollama /api/chat answer -> canonical events.
#include <cctype>

#include "gateos/sdk/codec/ollama_decode_response.h"
#include "gateos/sdk/codec/openai_chat.h"

namespace gateos::sdk::codec::ollama {
namespace {

bool mentionsContextLength(std::string_view message) {
  std::string lower;
  lower.reserve(message.size());
  for (char c : message) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return lower.find("context length") != std::string::npos || lower.find("context window") != std::string::npos ||
         lower.find("too long") != std::string::npos;
}

}  // namespace

Usage usageFromCounts(const Json& line) {
  Usage usage;
  if (auto p = line.find(kPromptEvalCountField); p != line.end() && p->is_number_integer())
    usage.inputTokens = p->get<int64_t>();
  if (auto e = line.find(kEvalCountField); e != line.end() && e->is_number_integer())
    usage.outputTokens = e->get<int64_t>();
  return usage;
}

Status statusFromUpstreamError(int httpStatus, std::string_view body, const Headers& headers) {
  // {"error":"text"} is read by the OpenAI parser, as are HTML pages and retry-after.
  Status status = openai_chat::statusFromUpstreamError(httpStatus, body, headers);
  if (status.reason().empty() && httpStatus < 500 && mentionsContextLength(status.message()))
    status.withReason("context_length_exceeded");
  return status;
}


Status decodeResponse(std::string_view body, const std::function<void(const StreamEvent&)>& onEvent) {
  Json root = Json::parse(body, nullptr, false);
  if (root.is_discarded() || !root.is_object())
    return Status(StatusCode::kUpstreamError, "invalid response: not a JSON object").withReason("invalid_upstream_response");
  if (auto err = root.find("error"); err != root.end() && !err->is_null())
    return statusFromUpstreamError(502, body, Headers{});
  auto message = root.find("message");
  if (message == root.end() || !message->is_object())
    return Status(StatusCode::kUpstreamError, "invalid response: message: expected an object")
        .withReason("invalid_upstream_response");
  // Validate the tool calls before the first event, so an error emits nothing.
  if (auto calls = message->find("tool_calls"); calls != message->end() && !calls->is_null()) {
    bool ok = calls->is_array();
    for (const auto& c : ok ? *calls : Json::array())
      ok = ok && c.is_object() && c.contains("function") && c["function"].is_object() &&
           c["function"].contains("name") && c["function"]["name"].is_string();
    if (!ok)
      return Status(StatusCode::kUpstreamError, "invalid response: message.tool_calls: expected [{\"function\": {\"name\": …}}]")
          .withReason("invalid_upstream_response");
  }
  // A whole answer has the shape of a stream's last line (done: true).
  root["done"] = true;
  StreamDecoder decoder(onEvent);
  if (auto s = decoder.feedChunk(root); !s) return s;
  return decoder.finish();
}

}  // namespace gateos::sdk::codec::ollama
