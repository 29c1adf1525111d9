// decodeResponse: a non-streaming Response object -> canonical events.
#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/codec/openai_responses.h"

namespace gateos::sdk::codec::openai_responses {


Status decodeResponse(std::string_view body, const std::function<void(const StreamEvent&)>& onEvent) {
  Json root = Json::parse(body, nullptr, false);
  if (root.is_discarded() || !root.is_object())
    return Status(StatusCode::kUpstreamError, "malformed response from the upstream").withReason("invalid_response");
  if (auto error = root.find("error"); error != root.end() && error->is_object()) {
    if (root.value("status", "") == "failed") return statusFromErrorObject(*error);
    if (!root.contains("output")) return openai_chat::statusFromUpstreamError(502, body, Headers());
  }
  auto output = root.find("output");
  if (output == root.end() || !output->is_array())
    return Status(StatusCode::kUpstreamError, "the upstream response has no output").withReason("invalid_response");
  for (const auto& item : *output)
    if (!item.is_object())
      return Status(StatusCode::kUpstreamError, "the upstream response has a malformed output item")
          .withReason("invalid_response");

  // The same events a stream produces: feed them through the stream decoder.
  StreamDecoder decoder(onEvent);
  Json created{{"type", "response.created"}, {"response", {{"id", root.value("id", "")}, {"model", root.value("model", "")}}}};
  (void)decoder.feed(created.dump());
  for (std::size_t i = 0; i < output->size(); ++i) {
    Json done{{"type", "response.output_item.done"}, {"output_index", i}, {"item", (*output)[i]}};
    (void)decoder.feed(done.dump());
  }
  bool incomplete = root.value("status", "") == "incomplete";
  Json end{{"type", incomplete ? "response.incomplete" : "response.completed"}, {"response", root}};
  end["response"].erase("output");
  return decoder.feed(end.dump());
}

}  // namespace gateos::sdk::codec::openai_responses
