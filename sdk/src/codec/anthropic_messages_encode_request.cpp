// encodeRequest: canonical ChatRequest -> upstream Messages body.
#include "body_size.h"
#include "tool_schema.h"
#include "json_fast.h"
#include "encode_support.h"
#include "gateos/sdk/codec/anthropic_messages.h"
#include "gateos/sdk/codec/openai_responses.h"

namespace gateos::sdk::codec::anthropic_messages {
namespace {

using Type = ContentBlock::Type;

// Top-level fields of other dialects' requests that Anthropic also has.
constexpr std::string_view kForwardedForeign[] = {"top_k", "thinking", "output_config", "context_management"};

class Encoder {
 public:
  Encoder(const ChatRequest& request, const EncodeOptions& options) : request_(request), options_(options) {}

  Result<std::string> run(std::string_view upstreamModel);

 private:
  Status encodeMessages(Json& body);
  Status encodeBlock(const ContentBlock& b, const std::string& field, Json& out);
  Json encodeTool(const ToolDefinition& t) const;
  void encodeToolChoice(Json& body) const;
  void encodeExtras(Json& body) const;
  // Copies block/tool extras: all of them from an Anthropic client, else only
  // cache_control (the other dialects' block options mean nothing here).
  void copyExtras(const Json& extra, Json& out, std::initializer_list<std::string_view> skip = {}) const;

  const ChatRequest& request_;
  const EncodeOptions& options_;
};

bool isPlainText(const ContentBlock& b) {
  return b.type == Type::kText && (!b.extra.is_object() || b.extra.empty());
}

// Content as a string when it is one plain text block, else as blocks.
Json compact(Json blocks, const std::vector<const ContentBlock*>& source) {
  if (source.size() == 1 && isPlainText(*source[0])) return source[0]->text;
  return blocks;
}

std::string joinedText(const Json& blocks) {
  std::string out;
  for (const auto& part : blocks) {
    if (!part.is_object() || part.value("type", "") != "text" || !part.contains("text") || !part["text"].is_string())
      continue;
    if (!out.empty()) out += "\n";
    out += part["text"].get_ref<const std::string&>();
  }
  return out;
}

void Encoder::copyExtras(const Json& extra, Json& out, std::initializer_list<std::string_view> skip) const {
  if (!extra.is_object()) return;
  for (auto it = extra.begin(); it != extra.end(); ++it) {
    bool skipped = false;
    for (auto s : skip) skipped = skipped || it.key() == s;
    if (skipped || out.contains(it.key())) continue;
    if (options_.sameDialect || it.key() == "cache_control") out[it.key()] = it.value();
  }
}

Status Encoder::encodeBlock(const ContentBlock& b, const std::string& field, Json& out) {
  switch (b.type) {
    case Type::kText: {
      if (auto raw = b.extra.find("anthropic_block"); raw != b.extra.end()) {
        out = *raw;
        return {};
      }
      if (auto part = b.extra.find("openai_part"); part != b.extra.end()) {
        std::string type = part->is_object() ? part->value("type", std::string("unknown")) : "unknown";
        return Status(StatusCode::kUnimplemented,
                      field + ": content of type \"" + type + "\" cannot be sent to an Anthropic model")
            .withReason("untranslatable_content")
            .withHttpStatus(400);  // a client error: SDKs retry a 5xx, which cannot help here
      }
      if (b.text.empty() && !options_.sameDialect) return {};  // Anthropic refuses empty text blocks
      out = Json{{"type", "text"}, {"text", b.text}};
      copyExtras(b.extra, out);
      return {};
    }
    case Type::kImage: {
      Json source;
      if (!b.data.empty()) {
        source = {{"type", "base64"}, {"media_type", b.mediaType.empty() ? "image/png" : b.mediaType}, {"data", b.data}};
      } else if (b.url.starts_with("data:")) {
        auto comma = b.url.find(',');
        auto semi = b.url.find(";base64");
        if (comma == std::string::npos || semi == std::string::npos || semi > comma)
          return Status(StatusCode::kInvalidArgument, field + ": only base64 data: URLs are supported")
              .withReason("invalid_value");
        source = {{"type", "base64"}, {"media_type", b.url.substr(5, semi - 5)}, {"data", b.url.substr(comma + 1)}};
      } else {
        source = {{"type", "url"}, {"url", b.url}};
      }
      out = Json{{"type", "image"}, {"source", std::move(source)}};
      copyExtras(b.extra, out);
      return {};
    }
    case Type::kToolCall: {
      Json input = Json::object();
      if (!b.arguments.empty()) {
        input = Json::parse(b.arguments, nullptr, false);
        if (input.is_discarded() || !input.is_object())
          return Status(StatusCode::kInvalidArgument,
                        field + ": arguments of tool call \"" + b.toolName + "\" are not a JSON object")
              .withReason("invalid_tool_arguments");
      }
      out = Json{{"type", "tool_use"}, {"id", b.toolCallId}, {"name", b.toolName}, {"input", std::move(input)}};
      copyExtras(b.extra, out);
      return {};
    }
    case Type::kToolResult: {
      out = Json{{"type", "tool_result"}, {"tool_use_id", b.toolCallId}};
      auto raw = b.extra.find("content");
      // The client's own blocks, unless a stage rewrote the text since.
      if (raw != b.extra.end() && raw->is_array() && joinedText(*raw) == b.text) out["content"] = *raw;
      else out["content"] = b.text;
      if (b.isError) out["is_error"] = true;
      copyExtras(b.extra, out, {"content"});
      return {};
    }
    case Type::kReasoning: {
      if (b.extra.value("anthropic_type", "") == "redacted_thinking") {
        out = Json{{"type", "redacted_thinking"}, {"data", b.extra.value("data", "")}};
        return {};
      }
      auto sig = b.extra.find("signature");
      // Without Anthropic's signature the block would be refused: reasoning
      // from another provider is left out of the history.
      if (sig == b.extra.end() || !sig->is_string() || sig->get_ref<const std::string&>().empty()) return {};
      out = Json{{"type", "thinking"}, {"thinking", b.text}, {"signature", *sig}};
      copyExtras(b.extra, out, {"signature"});
      return {};
    }
  }
  return {};
}

Status Encoder::encodeMessages(Json& body) {
  Json system = Json::array();
  std::vector<const ContentBlock*> systemSource;
  Json messages = Json::array();
  bool lastFromTool = false;  // the last user turn holds canonical "tool" messages
  bool conversationStarted = false;
  for (std::size_t i = 0; i < request_.messages.size(); ++i) {
    const Message& m = request_.messages[i];
    const std::string field = "messages[" + std::to_string(i) + "]";
    bool isSystem = m.role == Role::kSystem || m.role == Role::kDeveloper;
    Json blocks = Json::array();
    std::vector<const ContentBlock*> source;
    for (std::size_t j = 0; j < m.content.size(); ++j) {
      Json block;
      if (auto s = encodeBlock(m.content[j], field + ".content[" + std::to_string(j) + "]", block); !s) return s;
      if (block.is_null()) continue;
      blocks.push_back(std::move(block));
      source.push_back(&m.content[j]);
    }
    if (isSystem && (!conversationStarted || !options_.sameDialect)) {
      for (auto& b : blocks) system.push_back(std::move(b));
      systemSource.insert(systemSource.end(), source.begin(), source.end());
      continue;
    }
    if (blocks.empty() && !options_.sameDialect) continue;  // Anthropic refuses empty turns
    conversationStarted = true;
    bool fromTool = m.role == Role::kTool;
    std::string_view role = isSystem ? "system" : m.role == Role::kAssistant ? "assistant" : "user";
    // Tool results of one assistant turn must all sit in the next user turn.
    if (role == "user" && (fromTool || lastFromTool) && !messages.empty() && messages.back()["role"] == "user") {
      Json& prev = messages.back()["content"];
      if (prev.is_string()) prev = Json::array({Json{{"type", "text"}, {"text", prev.get<std::string>()}}});
      for (auto& b : blocks) prev.push_back(std::move(b));
      lastFromTool = lastFromTool || fromTool;
      continue;
    }
    Json msg{{"role", role}, {"content", compact(std::move(blocks), source)}};
    if (options_.sameDialect) copyExtras(m.extra, msg);
    messages.push_back(std::move(msg));
    lastFromTool = fromTool;
  }
  if (!system.empty()) body["system"] = compact(std::move(system), systemSource);
  body["messages"] = std::move(messages);
  return {};
}

Json Encoder::encodeTool(const ToolDefinition& t) const {
  if (auto raw = t.extra.find("anthropic_tool"); raw != t.extra.end()) return *raw;
  if (t.type != "function") return nullptr;  // e.g. OpenAI web_search: no Anthropic counterpart
  Json tool{{"name", t.name}};
  if (!t.description.empty()) tool["description"] = t.description;
  if (detail::hasObjectSchema(t)) tool["input_schema"] = detail::schemaNode(t);
  else tool["input_schema"] = Json{{"type", "object"}, {"properties", Json::object()}};
  copyExtras(t.extra, tool);
  return tool;
}

void Encoder::encodeToolChoice(Json& body) const {
  if (!body.contains("tools")) return;
  Json choice;
  const Json& c = request_.toolChoice;
  if (c == "auto") choice = {{"type", "auto"}};
  else if (c == "required" || c == "any") choice = {{"type", "any"}};
  else if (c == "none") choice = {{"type", "none"}};
  else if (c.is_object() && c.contains("name") && c["name"].is_string()) choice = {{"type", "tool"}, {"name", c["name"]}};
  if (auto p = request_.extra.find("parallel_tool_calls"); p != request_.extra.end() && *p == false) {
    if (choice.is_null()) choice = {{"type", "auto"}};
    if (choice["type"] != "none") choice["disable_parallel_tool_use"] = true;
  }
  if (!choice.is_null()) body["tool_choice"] = std::move(choice);
}

void Encoder::encodeExtras(Json& body) const {
  const Json& extra = request_.extra;
  if (!extra.is_object()) return;
  if (options_.sameDialect) {
    for (auto it = extra.begin(); it != extra.end(); ++it)
      if (it.key() != "parallel_tool_calls" && !body.contains(it.key())) body[it.key()] = it.value();
    return;
  }
  for (auto key : kForwardedForeign)
    if (auto it = extra.find(key); it != extra.end()) body[std::string(key)] = *it;
  // metadata: Anthropic accepts only user_id (OpenAI's is a free string map).
  std::string userId;
  if (auto md = extra.find("metadata"); md != extra.end() && md->is_object() && md->contains("user_id") &&
                                       (*md)["user_id"].is_string())
    userId = (*md)["user_id"].get<std::string>();
  else if (auto user = extra.find("user"); user != extra.end() && user->is_string())
    userId = user->get<std::string>();
  if (!userId.empty()) body["metadata"] = Json{{"user_id", std::move(userId)}};
}

Result<std::string> Encoder::run(std::string_view upstreamModel) {
  if (!options_.sameDialect) {
    if (auto s = openai_responses::requireTranslatable(request_, "Anthropic Messages API"); !s) return s;
    if (auto s = detail::requireOneChoice(request_, "an Anthropic model"); !s) return s;
    // No JSON mode at Anthropic: a JSON-only answer cannot be promised.
    if (auto rf = request_.extra.find("response_format");
        rf != request_.extra.end() && rf->is_object() && rf->value("type", std::string("text")) != "text")
      return detail::untranslatable("response_format", "a JSON output format (Ollama: format)", "an Anthropic model")
          .withParam("response_format");
  }
  Json body = Json::object();
  body["model"] = std::string(upstreamModel.empty() ? std::string_view(request_.model) : upstreamModel);
  if (auto s = encodeMessages(body); !s) return s;
  if (!request_.tools.empty()) {
    Json tools = Json::array();
    for (const auto& t : request_.tools)
      if (Json tool = encodeTool(t); !tool.is_null()) tools.push_back(std::move(tool));
    if (!tools.empty()) body["tools"] = std::move(tools);
  }
  encodeToolChoice(body);
  body["max_tokens"] = request_.maxTokens.value_or(options_.defaultMaxTokens);
  // Out-of-range values (OpenAI allows temperature up to 2) are left for the
  // upstream to refuse with its own message rather than silently clamped.
  if (request_.temperature) body["temperature"] = *request_.temperature;
  if (request_.topP) body["top_p"] = *request_.topP;
  if (!request_.stop.empty()) body["stop_sequences"] = request_.stop;
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
    return Status(StatusCode::kInternal, std::string("encode anthropic request: ") + e.what());
  }
}

}  // namespace gateos::sdk::codec::anthropic_messages
