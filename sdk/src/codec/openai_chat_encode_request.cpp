// encodeRequest: canonical ChatRequest -> upstream Chat Completions body.
#include "json_fast.h"
#include "encode_support.h"
#include "body_size.h"
#include "tool_schema.h"
#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/codec/openai_responses.h"

namespace gateos::sdk::codec::openai_chat {
namespace {

// Top-level fields of other dialects' requests that Chat Completions spells the same.
constexpr std::string_view kForwardedForeign[] = {"parallel_tool_calls", "user", "seed", "frequency_penalty",
                                                  "presence_penalty", "logit_bias", "logprobs", "top_logprobs",
                                                  "response_format", "reasoning_effort", "verbosity",
                                                  "service_tier", "prompt_cache_key", "safety_identifier"};

constexpr std::string_view kTarget = "a Chat Completions model";

// Another dialect's raw part as a Chat Completions part: a Responses
// input_file becomes a "file" part; anything else (an Anthropic document, a
// Responses item canonical does not model …) is refused by name.
Status translateRawPart(ContentBlock& b, const std::string& field) {
  auto part = b.extra.find("openai_part");
  if (b.extra.contains("anthropic_block") || (part != b.extra.end() && !b.extra.contains("responses_part")))
    return detail::checkForeignBlock(b, field, kTarget);
  if (part == b.extra.end()) return {};
  const Json& raw = *part;
  if (raw.is_object() && raw.value("type", "") == "input_file" && !raw.contains("file_url")) {
    Json file = Json::object();
    for (auto key : {"file_id", "file_data", "filename"})
      if (auto it = raw.find(key); it != raw.end()) file[key] = *it;
    b.extra = Json{{"openai_part", Json{{"type", "file"}, {"file", std::move(file)}}}};
    return {};
  }
  std::string type = raw.is_object() ? raw.value("type", std::string("unknown")) : "unknown";
  if (type == "input_file") type = "input_file with a file_url";
  return detail::untranslatable(field, "content of type \"" + type + "\"", kTarget);
}

// A request decoded from another dialect, reduced to what Chat Completions
// understands (see EncodeOptions): a copy, only on the cross-dialect path.
// Tool schemas (most of a coding agent's request) are not copied:
// `schemaSources` points at the original tools, in the order of out.tools.
Result<ChatRequest> foreignView(const ChatRequest& request, std::vector<const ToolDefinition*>& schemaSources) {
  ChatRequest out;
  out.model = request.model;
  out.toolChoice = request.toolChoice;
  out.maxTokens = request.maxTokens;
  out.temperature = request.temperature;
  out.topP = request.topP;
  out.stop = request.stop;
  out.stream = request.stream;
  out.includeUsage = request.includeUsage;
  out.messages.reserve(request.messages.size());
  for (const auto& m : request.messages) {
    Message copy;
    copy.role = m.role == Role::kDeveloper ? Role::kSystem : m.role;
    copy.name = m.name;
    copy.content.reserve(m.content.size());
    for (const auto& b : m.content) {
      ContentBlock c = b;
      if (b.type == ContentBlock::Type::kText && !b.extra.empty()) {
        std::string field = "messages[" + std::to_string(out.messages.size()) + "].content[" +
                            std::to_string(copy.content.size()) + "]";
        if (auto s = translateRawPart(c, field); !s) return s;
      }
      Json kept = Json::object();
      // Only raw parts (translated above, forwarded by encodePart) and the image detail mean something here.
      for (auto key : {"openai_part", "detail"})
        if (auto it = c.extra.find(key); it != c.extra.end()) kept[key] = *it;
      c.extra = std::move(kept);
      copy.content.push_back(std::move(c));
    }
    out.messages.push_back(std::move(copy));
  }
  for (const auto& t : request.tools) {
    if (t.type != "function") continue;
    ToolDefinition copy;
    copy.name = t.name;
    copy.description = t.description;
    schemaSources.push_back(&t);
    if (auto strict = t.extra.find("strict"); strict != t.extra.end()) copy.extra["strict"] = *strict;
    out.tools.push_back(std::move(copy));
  }
  if (out.toolChoice.is_object() && !out.toolChoice.contains("name")) out.toolChoice = nullptr;
  const Json& extra = request.extra;
  if (!extra.is_object()) return out;
  for (auto key : kForwardedForeign)
    if (auto it = extra.find(key); it != extra.end()) out.extra[std::string(key)] = *it;
  // OpenAI refuses parallel_tool_calls without tools (the built-in ones were left out above).
  if (out.tools.empty()) out.extra.erase("parallel_tool_calls");
  // The Responses API's spellings of the same options.
  if (auto r = extra.find("reasoning"); r != extra.end() && r->is_object() && r->contains("effort"))
    out.extra["reasoning_effort"] = (*r)["effort"];
  if (auto t = extra.find("text"); t != extra.end() && t->is_object()) {
    if (auto v = t->find("verbosity"); v != t->end()) out.extra["verbosity"] = *v;
    if (auto f = t->find("format"); f != t->end() && f->is_object()) {
      std::string type = f->value("type", std::string("text"));
      if (type == "json_schema") {
        Json schema = *f;
        schema.erase("type");
        out.extra["response_format"] = Json{{"type", "json_schema"}, {"json_schema", std::move(schema)}};
      } else if (type == "json_object") {
        out.extra["response_format"] = Json{{"type", "json_object"}};
      }
    }
  }
  return out;
}

void mergeInto(Json& target, const Json& extra) {
  if (!extra.is_object()) return;
  for (auto it = extra.begin(); it != extra.end(); ++it)
    if (!target.contains(it.key()) && !isPrivateExtraKey(it.key())) target[it.key()] = it.value();
}

bool isPlainText(const ContentBlock& b) {
  return b.type == ContentBlock::Type::kText && (b.extra.empty() || !b.extra.is_object());
}

Json encodePart(const ContentBlock& b) {
  if (b.type == ContentBlock::Type::kText) {
    if (auto raw = b.extra.find("openai_part"); raw != b.extra.end()) return *raw;
    Json part{{"type", "text"}, {"text", b.text}};
    mergeInto(part, b.extra);
    return part;
  }
  // kImage
  Json image = Json::object();
  image["url"] = !b.url.empty() ? b.url
                                : "data:" + (b.mediaType.empty() ? std::string("image/png") : b.mediaType) +
                                      ";base64," + b.data;
  // Only OpenAI's own image options (detail) ride along; other dialects' extras do not fit here.
  if (auto detail = b.extra.find("detail"); detail != b.extra.end()) image["detail"] = *detail;
  return Json{{"type", "image_url"}, {"image_url", std::move(image)}};
}

// Content as a string when it is one plain text, else as an array of parts.
Json encodeContent(const std::vector<const ContentBlock*>& blocks) {
  if (blocks.empty()) return "";
  if (blocks.size() == 1 && isPlainText(*blocks[0])) return blocks[0]->text;
  Json parts = Json::array();
  for (const auto* b : blocks) parts.push_back(encodePart(*b));
  return parts;
}

void encodeMessage(const Message& m, Json& out) {
  std::vector<const ContentBlock*> parts;
  std::vector<const ContentBlock*> calls;
  std::vector<const ContentBlock*> results;
  for (const auto& b : m.content) {
    switch (b.type) {
      case ContentBlock::Type::kText:
      case ContentBlock::Type::kImage: parts.push_back(&b); break;
      case ContentBlock::Type::kToolCall: calls.push_back(&b); break;
      case ContentBlock::Type::kToolResult: results.push_back(&b); break;
      case ContentBlock::Type::kReasoning: break;  // Chat Completions has no input field for it
    }
  }
  // Tool results (canonical from Anthropic-style dialects may carry them in a
  // user message) become one "tool" message each, ahead of the remaining content.
  for (const auto* r : results) {
    Json msg{{"role", "tool"}, {"tool_call_id", r->toolCallId}, {"content", r->text}};
    if (m.role == Role::kTool) mergeInto(msg, m.extra);
    out.push_back(std::move(msg));
  }
  if (m.role == Role::kTool || (!results.empty() && parts.empty() && calls.empty())) return;

  Json msg{{"role", toString(m.role)}};
  if (!m.name.empty()) msg["name"] = m.name;
  if (m.role == Role::kAssistant) {
    // Assistant text is a string; null when the turn holds only tool calls.
    if (parts.empty()) msg["content"] = calls.empty() ? Json("") : Json(nullptr);
    else msg["content"] = encodeContent(parts);
    if (!calls.empty()) {
      Json tc = Json::array();
      for (const auto* c : calls)
        tc.push_back({{"id", c->toolCallId},
                      {"type", "function"},
                      {"function", {{"name", c->toolName}, {"arguments", c->arguments.empty() ? "{}" : c->arguments}}}});
      msg["tool_calls"] = std::move(tc);
    }
  } else {
    msg["content"] = encodeContent(parts);
  }
  mergeInto(msg, m.extra);
  out.push_back(std::move(msg));
}

// `schemaOf` holds the schema (t itself, or the original of a foreign view).
Json encodeTool(const ToolDefinition& t, const ToolDefinition& schemaOf) {
  if (t.type != "function") {
    if (t.extra.is_object() && !t.extra.empty()) {
      Json tool = t.extra;
      tool["type"] = t.type;
      return tool;
    }
    return Json{{"type", t.type}};
  }
  Json fn{{"name", t.name}};
  if (!t.description.empty()) fn["description"] = t.description;
  fn["parameters"] = schemaOf.parametersJson.empty() && schemaOf.parameters.is_null() ? Json::object()
                                                                                     : detail::schemaNode(schemaOf);
  Json tool{{"type", "function"}};
  if (t.extra.is_object()) {
    for (auto it = t.extra.begin(); it != t.extra.end(); ++it) {
      if (it.key() == "openai_tool") mergeInto(tool, it.value());
      else if (!fn.contains(it.key())) fn[it.key()] = it.value();
    }
  }
  tool["function"] = std::move(fn);
  return tool;
}

Json encodeToolChoice(const Json& choice) {
  if (choice.is_object() && choice.size() == 1 && choice.contains("name"))
    return Json{{"type", "function"}, {"function", {{"name", choice["name"]}}}};
  return choice;
}

// The body; tool i's schema is (*schemaSources)[i]'s when given, else its own.
std::string encodeBody(const ChatRequest& request, std::string_view upstreamModel,
                       const std::vector<const ToolDefinition*>* schemaSources, std::size_t sizeHint) {
  Json body = Json::object();
  body["model"] = std::string(upstreamModel.empty() ? std::string_view(request.model) : upstreamModel);
  Json messages = Json::array();
  for (const auto& m : request.messages) encodeMessage(m, messages);
  body["messages"] = std::move(messages);
  if (!request.tools.empty()) {
    Json tools = Json::array();
    for (std::size_t i = 0; i < request.tools.size(); ++i)
      tools.push_back(encodeTool(request.tools[i], schemaSources ? *(*schemaSources)[i] : request.tools[i]));
    body["tools"] = std::move(tools);
  }
  if (!request.toolChoice.is_null()) body["tool_choice"] = encodeToolChoice(request.toolChoice);
  if (request.maxTokens) {
    bool completionKey = request.extra.is_object() && request.extra.contains("max_completion_tokens");
    body[completionKey ? "max_completion_tokens" : "max_tokens"] = *request.maxTokens;
  }
  if (request.temperature) body["temperature"] = *request.temperature;
  if (request.topP) body["top_p"] = *request.topP;
  if (!request.stop.empty()) body["stop"] = request.stop;
  if (request.stream) {
    body["stream"] = true;
    Json opts = Json::object();
    if (auto it = request.extra.find("stream_options"); it != request.extra.end() && it->is_object()) opts = *it;
    opts["include_usage"] = true;  // always: usage is metered
    body["stream_options"] = std::move(opts);
  }
  if (request.extra.is_object()) {
    for (auto it = request.extra.begin(); it != request.extra.end(); ++it) {
      if (it.key() == "stream_options" || it.key() == "max_completion_tokens" || it.key() == "stream") continue;
      if (isPrivateExtraKey(it.key())) continue;  // another dialect's own fields (e.g. "gateos.ollama")
      if (!body.contains(it.key())) body[it.key()] = it.value();
    }
  }
  return detail::dumpJson(body, sizeHint);
}

}  // namespace

std::string encodeRequest(const ChatRequest& request, std::string_view upstreamModel) {
  return encodeBody(request, upstreamModel, nullptr, detail::estimatedBodySize(request));
}

Result<std::string> encodeRequest(const ChatRequest& request, std::string_view upstreamModel,
                                  const EncodeOptions& options) {
  if (options.sameDialect) return encodeRequest(request, upstreamModel);
  if (auto s = openai_responses::requireTranslatable(request, "Chat Completions API"); !s) return s;
  try {
    std::vector<const ToolDefinition*> schemaSources;
    auto view = foreignView(request, schemaSources);
    if (!view) return view.status();
    return encodeBody(view.value(), upstreamModel, &schemaSources, detail::estimatedBodySize(request));
  } catch (const Json::exception& e) {
    return Status(StatusCode::kInternal, std::string("encode chat request: ") + e.what());
  }
}

}  // namespace gateos::sdk::codec::openai_chat
