// encodeRequest: canonical ChatRequest -> upstream Responses body.
#include "body_size.h"
#include "tool_schema.h"
#include "json_fast.h"
#include "encode_support.h"
#include "gateos/sdk/codec/openai_responses.h"

namespace gateos::sdk::codec::openai_responses {
namespace {

using Type = ContentBlock::Type;

// Top-level fields of other dialects' requests that the Responses API spells the same.
constexpr std::string_view kForwardedForeign[] = {"parallel_tool_calls", "user", "service_tier", "prompt_cache_key",
                                                  "safety_identifier", "top_logprobs", "truncation", "include"};
// Canonical markers this codec adds to extras: never sent upstream.
constexpr std::string_view kMarkers[] = {"responses_item", "responses_part", "reasoning_part", "responses_refusal",
                                         "responses_instructions", "responses_tool", "output",
                                         "responses_tool_member", "responses_custom"};

bool isMarker(std::string_view key) {
  for (auto m : kMarkers)
    if (key == m) return true;
  return false;
}

bool isRawItem(const ContentBlock& b) {
  auto kind = b.extra.find("responses_part");
  return kind != b.extra.end() && *kind == "item";
}

Status untranslatable(const std::string& field, std::string_view what) {
  return Status(StatusCode::kUnimplemented,
                field + ": " + std::string(what) + " cannot be sent to a model behind the Responses API")
      .withReason("untranslatable_content")
      .withParam(field)
      .withHttpStatus(400);
}

class Encoder {
 public:
  Encoder(const ChatRequest& request, const EncodeOptions& options) : request_(request), options_(options) {}

  Result<std::string> run(std::string_view upstreamModel);

 private:
  Status encodeMessage(const Message& m, const std::string& field);
  Status encodeAssistant(const Message& m, const std::string& field);
  Status encodePart(const ContentBlock& b, bool assistant, const std::string& field, Json& out);
  void flushReasoning();
  void copyExtras(const Json& extra, Json& out) const;
  Json encodeTool(const ToolDefinition& t) const;
  static Json encodeCall(const ContentBlock& b, const Json* item);
  void encodeExtras(Json& body) const;

  const ChatRequest& request_;
  const EncodeOptions& options_;
  Json input_ = Json::array();
  Json reasoning_;  // the reasoning item being collected, null when none
};

void Encoder::copyExtras(const Json& extra, Json& out) const {
  if (!options_.sameDialect || !extra.is_object()) return;
  for (auto it = extra.begin(); it != extra.end(); ++it)
    if (!isMarker(it.key()) && !out.contains(it.key())) out[it.key()] = it.value();
}

Status Encoder::encodePart(const ContentBlock& b, bool assistant, const std::string& field, Json& out) {
  switch (b.type) {
    case Type::kText: {
      if (auto raw = b.extra.find("openai_part"); raw != b.extra.end()) {
        if (b.extra.contains("responses_part")) {
          out = *raw;
          return {};
        }
        std::string type = raw->is_object() ? raw->value("type", std::string("unknown")) : "unknown";
        return untranslatable(field, "content of type \"" + type + "\"");
      }
      if (auto raw = b.extra.find("anthropic_block"); raw != b.extra.end()) {
        std::string type = raw->is_object() ? raw->value("type", std::string("unknown")) : "unknown";
        return untranslatable(field, "content of type \"" + type + "\"");
      }
      if (b.extra.contains("responses_refusal") && assistant) {
        out = Json{{"type", "refusal"}, {"refusal", b.text}};
        return {};
      }
      out = Json{{"type", assistant ? "output_text" : "input_text"}, {"text", b.text}};
      copyExtras(b.extra, out);
      if (assistant && !out.contains("annotations")) out["annotations"] = Json::array();
      return {};
    }
    case Type::kImage: {
      std::string url = !b.url.empty() ? b.url
                                       : "data:" + (b.mediaType.empty() ? std::string("image/png") : b.mediaType) +
                                             ";base64," + b.data;
      out = Json{{"type", "input_image"}, {"image_url", std::move(url)}};
      if (auto d = b.extra.find("detail"); d != b.extra.end()) out["detail"] = *d;
      else out["detail"] = "auto";
      copyExtras(b.extra, out);
      return {};
    }
    default:
      return {};
  }
}

void Encoder::flushReasoning() {
  if (reasoning_.is_null()) return;
  input_.push_back(std::move(reasoning_));
  reasoning_ = nullptr;
}

Status Encoder::encodeAssistant(const Message& m, const std::string& field) {
  Json* message = nullptr;  // the open assistant message item in input_
  for (std::size_t j = 0; j < m.content.size(); ++j) {
    const ContentBlock& b = m.content[j];
    const std::string bf = field + ".content[" + std::to_string(j) + "]";
    auto marker = b.extra.find("responses_item");
    bool startsItem = marker != b.extra.end();
    if (b.type == Type::kReasoning) {
      message = nullptr;
      // Reasoning of other providers has no Responses form (it would be refused).
      if (!options_.sameDialect) continue;
      if (startsItem || reasoning_.is_null()) {
        flushReasoning();
        reasoning_ = Json{{"type", "reasoning"}, {"summary", Json::array()}};
        if (startsItem) copyExtras(*marker, reasoning_);
      }
      if (auto part = b.extra.find("reasoning_part"); part != b.extra.end() && part->is_string()) {
        bool summary = *part == "summary_text";
        Json& list = reasoning_[summary ? "summary" : "content"];
        if (list.is_null()) list = Json::array();
        list.push_back(Json{{"type", *part}, {"text", b.text}});
      }
      continue;
    }
    flushReasoning();
    if (b.type == Type::kToolCall) {
      message = nullptr;
      Json call = encodeCall(b, startsItem ? &*marker : nullptr);
      if (startsItem) copyExtras(*marker, call);
      input_.push_back(std::move(call));
      continue;
    }
    if (b.type == Type::kToolResult) continue;  // not in an assistant turn
    Json part;
    if (auto s = encodePart(b, true, bf, part); !s) return s;
    if (part.is_null()) continue;
    if (isRawItem(b)) {  // web_search_call …: an item of its own
      message = nullptr;
      input_.push_back(std::move(part));
      continue;
    }
    if (message == nullptr || startsItem) {
      Json item{{"type", "message"}, {"role", "assistant"}, {"content", Json::array()}};
      if (startsItem) copyExtras(*marker, item);
      input_.push_back(std::move(item));
      message = &input_.back();
    }
    (*message)["content"].push_back(std::move(part));
  }
  flushReasoning();
  return {};
}

Status Encoder::encodeMessage(const Message& m, const std::string& field) {
  if (m.role == Role::kAssistant) return encodeAssistant(m, field);
  Json parts = Json::array();
  for (std::size_t j = 0; j < m.content.size(); ++j) {
    const ContentBlock& b = m.content[j];
    if (b.type == Type::kToolResult) {  // one function_call_output item each, ahead of the content
      Json item{{"type", b.extra.contains("responses_custom") ? "custom_tool_call_output" : "function_call_output"},
                {"call_id", b.toolCallId}};
      auto raw = b.extra.find("output");
      bool rawValid = raw != b.extra.end() && raw->is_array() && options_.sameDialect;
      if (rawValid) {  // the client's own parts, unless a stage rewrote the text since
        std::string joined;
        for (const auto& p : *raw)
          if (p.is_object() && p.value("type", "") == "input_text" && p.contains("text") && p["text"].is_string()) {
            if (!joined.empty()) joined += "\n";
            joined += p["text"].get_ref<const std::string&>();
          }
        rawValid = joined == b.text;
      }
      if (rawValid) item["output"] = *raw;
      else item["output"] = b.text;
      if (m.role == Role::kTool) copyExtras(m.extra, item);
      input_.push_back(std::move(item));
      continue;
    }
    if (b.type == Type::kToolCall || b.type == Type::kReasoning) continue;
    Json part;
    if (auto s = encodePart(b, false, field + ".content[" + std::to_string(j) + "]", part); !s) return s;
    if (part.is_null()) continue;
    if (isRawItem(b)) {  // item_reference, *_call_output …: an item of its own
      input_.push_back(std::move(part));
      continue;
    }
    parts.push_back(std::move(part));
  }
  if (m.role == Role::kTool || (parts.empty() && !m.content.empty())) return {};
  std::string_view role = m.role == Role::kSystem      ? "system"
                          : m.role == Role::kDeveloper ? "developer"
                                                       : "user";
  Json item{{"type", "message"}, {"role", role}, {"content", std::move(parts)}};
  copyExtras(m.extra, item);
  input_.push_back(std::move(item));
  return {};
}

// A tool call as the client's item: function_call (with the plain name of a
// namespace's function), or custom_tool_call for a freeform tool's call.
Json Encoder::encodeCall(const ContentBlock& b, const Json* item) {
  if (item && item->value("type", "") == "custom_tool_call") {
    Json args = Json::parse(b.arguments, nullptr, false);
    std::string input = args.is_object() && args.contains("input") && args["input"].is_string()
                            ? args["input"].get<std::string>()
                            : b.arguments;
    return Json{{"type", "custom_tool_call"}, {"call_id", b.toolCallId}, {"name", b.toolName}, {"input", std::move(input)}};
  }
  std::string name = b.toolName;
  if (item) {
    if (auto ns = item->find("namespace"); ns != item->end() && ns->is_string()) {
      std::string prefix = namespacedToolName(ns->get_ref<const std::string&>(), "");
      if (name.starts_with(prefix)) name.erase(0, prefix.size());
    }
  }
  return Json{{"type", "function_call"},
              {"call_id", b.toolCallId},
              {"name", std::move(name)},
              {"arguments", b.arguments.empty() ? "{}" : b.arguments}};
}

Json Encoder::encodeTool(const ToolDefinition& t) const {
  if (t.extra.contains("responses_tool_member")) return nullptr;  // sent whole with its namespace
  if (auto raw = t.extra.find("responses_tool"); raw != t.extra.end()) return *raw;
  if (t.type != "function") {
    // Chat Completions "custom" tools look alike; Anthropic server tools have no counterpart.
    if (t.extra.contains("anthropic_tool")) return nullptr;
    Json tool = t.extra.is_object() ? t.extra : Json::object();
    tool["type"] = t.type;
    return tool;
  }
  Json tool{{"type", "function"}, {"name", t.name}};
  if (!t.description.empty()) tool["description"] = t.description;
  tool["parameters"] = detail::isObjectSchema(t) ? detail::schemaNode(t) : Json::object();
  if (options_.sameDialect) {
    copyExtras(t.extra, tool);
  } else if (auto strict = t.extra.find("strict"); strict != t.extra.end()) {
    tool["strict"] = *strict;
  } else {
    tool["strict"] = false;  // the Responses API defaults to strict schemas; Chat Completions does not
  }
  return tool;
}

void Encoder::encodeExtras(Json& body) const {
  const Json& extra = request_.extra;
  if (!extra.is_object()) return;
  if (options_.sameDialect) {
    for (auto it = extra.begin(); it != extra.end(); ++it)
      if (!body.contains(it.key()) && !isPrivateExtraKey(it.key())) body[it.key()] = it.value();
    return;
  }
  for (auto key : kForwardedForeign)
    if (auto it = extra.find(key); it != extra.end()) body[std::string(key)] = *it;
  if (auto md = extra.find("metadata"); md != extra.end() && md->is_object()) {
    bool strings = true;
    for (const auto& v : *md) strings = strings && v.is_string();
    if (strings) body["metadata"] = *md;  // Anthropic's {user_id} is a string map too
  }
  if (auto effort = extra.find("reasoning_effort"); effort != extra.end() && effort->is_string())
    body["reasoning"] = Json{{"effort", *effort}};
  Json text = Json::object();
  if (auto format = extra.find("response_format"); format != extra.end() && format->is_object()) {
    Json f = Json{{"type", format->value("type", std::string("text"))}};
    if (auto schema = format->find("json_schema"); schema != format->end() && schema->is_object())
      for (auto it = schema->begin(); it != schema->end(); ++it) f[it.key()] = it.value();  // name, schema, strict
    text["format"] = std::move(f);
  }
  if (auto verbosity = extra.find("verbosity"); verbosity != extra.end()) text["verbosity"] = *verbosity;
  if (!text.empty()) body["text"] = std::move(text);
  body["store"] = false;
}

Result<std::string> Encoder::run(std::string_view upstreamModel) {
  if (!options_.sameDialect)
    if (auto s = detail::requireOneChoice(request_, "a model behind the Responses API"); !s) return s;
  if (!request_.stop.empty())
    return Status(StatusCode::kUnimplemented, "stop: the Responses API has no stop sequences")
        .withReason("unsupported_feature")
        .withParam("stop")
        .withHttpStatus(400);
  Json body = Json::object();
  body["model"] = std::string(upstreamModel.empty() ? std::string_view(request_.model) : upstreamModel);
  std::size_t first = 0;
  if (!request_.messages.empty()) {
    const Message& m = request_.messages.front();
    if (m.role == Role::kSystem && m.extra.value("responses_instructions", false)) {
      body["instructions"] = m.text();
      first = 1;
    }
  }
  for (std::size_t i = first; i < request_.messages.size(); ++i)
    if (auto s = encodeMessage(request_.messages[i], "messages[" + std::to_string(i) + "]"); !s) return s;
  body["input"] = std::move(input_);
  if (!request_.tools.empty()) {
    Json tools = Json::array();
    for (const auto& t : request_.tools)
      if (Json tool = encodeTool(t); !tool.is_null()) tools.push_back(std::move(tool));
    if (!tools.empty()) body["tools"] = std::move(tools);
  }
  const Json& choice = request_.toolChoice;
  if (choice.is_object() && choice.size() == 1 && choice.contains("name"))
    body["tool_choice"] = Json{{"type", "function"}, {"name", choice["name"]}};
  else if (!choice.is_null())
    body["tool_choice"] = choice;
  if (request_.maxTokens) body["max_output_tokens"] = *request_.maxTokens;
  if (request_.temperature) body["temperature"] = *request_.temperature;
  if (request_.topP) body["top_p"] = *request_.topP;
  if (request_.stream) body["stream"] = true;
  encodeExtras(body);
  return detail::dumpJson(body, detail::estimatedBodySize(request_));
}

}  // namespace

Result<std::string> encodeRequest(const ChatRequest& request, std::string_view upstreamModel,
                                  const EncodeOptions& options) {
  try {
    return Encoder(request, options).run(upstreamModel);
  } catch (const Json::exception& e) {
    return Status(StatusCode::kInternal, std::string("encode responses request: ") + e.what());
  }
}

}  // namespace gateos::sdk::codec::openai_responses
