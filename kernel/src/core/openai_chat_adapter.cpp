#include "core/openai_chat_adapter.h"

#include <simdjson.h>

#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/util/json_scan.h"

namespace gateos::kernel::core {
namespace {

using sdk::Status;
using sdk::StatusCode;
namespace codec = sdk::codec::openai_chat;

Status invalid(std::string message) { return {StatusCode::kInvalidArgument, std::move(message)}; }

const char* typeName(simdjson::dom::element_type t) {
  using T = simdjson::dom::element_type;
  switch (t) {
    case T::ARRAY: return "array";
    case T::OBJECT: return "object";
    case T::INT64:
    case T::UINT64:
    case T::DOUBLE: return "number";
    case T::STRING: return "string";
    case T::BOOL: return "boolean";
    case T::NULL_VALUE: return "null";
  }
  return "value";
}

Status wrongType(const char* field, const char* expected, simdjson::dom::element e) {
  return Status(StatusCode::kInvalidArgument,
                std::string(field) + ": expected " + expected + ", got " + typeName(e.type()))
      .withReason("invalid_type")
      .withParam(field);
}

bool isNumber(simdjson::dom::element e) { return e.is_int64() || e.is_uint64() || e.is_double(); }

class ChatResponseEncoder final : public sdk::ResponseEncoder {
 public:
  ChatResponseEncoder(bool stream, bool includeUsage, std::string model)
      : stream_(stream), chunks_(model, includeUsage), completion_(model) {}

  std::string_view contentType() const noexcept override {
    return stream_ ? std::string_view("text/event-stream") : std::string_view("application/json");
  }
  void onEvent(const sdk::StreamEvent& event, std::string& out) noexcept override {
    if (stream_)
      chunks_.onEvent(event, out);
    else
      completion_.onEvent(event);
  }
  void finish(std::string& out) noexcept override {
    if (stream_)
      chunks_.finish(out);
    else
      completion_.finish(out);
  }
  void streamError(const Status& status, std::string& out) noexcept override {
    // OpenAI reports mid-stream failures as an error object in a data frame.
    out += "data: ";
    out += codec::errorBody(status);
    out += "\n\n";
  }

 private:
  bool stream_;
  codec::ChunkEncoder chunks_;
  codec::CompletionEncoder completion_;
};

}  // namespace

std::vector<sdk::AdapterRoute> OpenAiChatAdapter::routes() const {
  return {{"POST", "/v1/chat/completions", "chat"}};
}

sdk::Result<sdk::RequestSummary> OpenAiChatAdapter::summarize(const sdk::InboundRequest& request) const noexcept {
  // One parser per thread: its buffers are reused across requests.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto error = parser.parse(request.body.data(), request.body.size()).get(root); error)
    return Status(StatusCode::kInvalidArgument, std::string("invalid JSON: ") + simdjson::error_message(error))
        .withReason("invalid_json");
  simdjson::dom::object object;
  if (root.get(object)) return invalid("request body: expected a JSON object");

  sdk::RequestSummary summary;
  simdjson::dom::element e;
  if (object["model"].get(e)) return Status(StatusCode::kInvalidArgument, "model: required").withReason("missing_model");
  std::string_view model;
  if (e.get(model)) return wrongType("model", "string", e);
  summary.model.assign(model);

  if (object["messages"].get(e)) return Status(StatusCode::kInvalidArgument, "messages: required");
  simdjson::dom::array messages;
  if (e.get(messages)) return wrongType("messages", "array", e);
  std::size_t index = 0;
  for (simdjson::dom::element message : messages) {
    simdjson::dom::object m;
    std::string field = "messages[" + std::to_string(index++) + "]";
    if (message.get(m)) return wrongType(field.c_str(), "object", message);
    simdjson::dom::element role;
    if (m["role"].get(role) || !role.is_string()) return invalid(field + ".role: expected string");
  }

  if (!object["stream"].get(e)) {
    if (!e.is_bool() && !e.is_null()) return wrongType("stream", "boolean", e);
    summary.stream = e.is_bool() && e.get_bool().value_unsafe();
  }
  for (const char* field : {"max_tokens", "max_completion_tokens", "n"})
    if (!object[field].get(e) && !e.is_null() && !e.is_int64() && !e.is_uint64()) return wrongType(field, "integer", e);
  for (const char* field : {"temperature", "top_p", "presence_penalty", "frequency_penalty"})
    if (!object[field].get(e) && !e.is_null() && !isNumber(e)) return wrongType(field, "number", e);
  if (!object["stream_options"].get(e) && !e.is_null()) {
    simdjson::dom::object options;
    if (e.get(options)) return wrongType("stream_options", "object", e);
    simdjson::dom::element include;
    if (!options["include_usage"].get(include) && include.is_bool()) summary.includeUsage = include.get_bool().value_unsafe();
  }
  if (!object["tools"].get(e) && !e.is_null() && !e.is_array()) return wrongType("tools", "array", e);
  return summary;
}

sdk::Result<sdk::ChatRequest> OpenAiChatAdapter::decode(const sdk::InboundRequest& request) const noexcept {
  try {
    return codec::decodeRequest(request.body);
  } catch (const std::exception& e) {
    return invalid(std::string("decode: ") + e.what());
  }
}

sdk::Result<std::string> OpenAiChatAdapter::replaceModel(std::string_view body, std::string_view model) const noexcept {
  try {
    if (auto spliced = sdk::util::replaceTopLevelString(body, "model", model)) return std::move(*spliced);
    // The key was written with escapes: fall back to a full rewrite.
    auto doc = sdk::Json::parse(body);
    doc["model"] = std::string(model);
    return doc.dump();
  } catch (const std::exception& e) {
    return invalid(std::string("rewrite model: ") + e.what());
  }
}

std::unique_ptr<sdk::ResponseEncoder> OpenAiChatAdapter::makeEncoder(const sdk::RequestContext& context,
                                                                     const sdk::RequestSummary& summary) const noexcept {
  (void)context;
  try {
    return std::make_unique<ChatResponseEncoder>(summary.stream, summary.includeUsage, summary.model);
  } catch (...) {
    return nullptr;
  }
}

std::string OpenAiChatAdapter::renderError(const Status& status) const noexcept {
  try {
    return codec::errorBody(status);
  } catch (...) {
    return R"({"error":{"message":"internal error","type":"api_error","param":null,"code":null}})";
  }
}

}  // namespace gateos::kernel::core
