// decodeRequest: client Messages body -> canonical ChatRequest.
#include "json_fast.h"
#include <string>

#include "decode_support.h"
#include "tool_schema.h"
#include "gateos/sdk/codec/anthropic_messages.h"

namespace gateos::sdk::codec::anthropic_messages {
namespace {

using detail::wrongType;
using detail::missing;

// The string member `key` of `o`, or an error naming it.
Status takeString(Json& o, const char* key, const std::string& field, std::string& out) {
  auto it = o.find(key);
  if (it == o.end()) return missing(field + "." + key);
  if (!it->is_string()) return wrongType(field + "." + key, "string", *it);
  out = std::move(it->get_ref<std::string&>());
  return {};
}

// Moves every key of `from` not listed in `known` into `extra`.
template <std::size_t N>
void keepUnknown(Json& from, const std::string_view (&known)[N], Json& extra) {
  for (auto it = from.begin(); it != from.end(); ++it) {
    bool isKnown = false;
    for (auto k : known) isKnown = isKnown || it.key() == k;
    if (!isKnown) extra[it.key()] = std::move(it.value());
  }
}

Status decodeImage(Json& block, const std::string& field, ContentBlock& out) {
  auto source = block.find("source");
  if (source == block.end()) return missing(field + ".source");
  if (!source->is_object()) return wrongType(field + ".source", "object", *source);
  auto typeIt = source->find("type");
  if (typeIt == source->end()) return missing(field + ".source.type");
  if (!typeIt->is_string()) return wrongType(field + ".source.type", "string", *typeIt);
  const std::string type = typeIt->get<std::string>();  // copied: an unknown source keeps its raw block
  if (type == "base64") {
    if (auto s = takeString(*source, "media_type", field + ".source", out.mediaType); !s) return s;
    if (auto s = takeString(*source, "data", field + ".source", out.data); !s) return s;
  } else if (type == "url") {
    if (auto s = takeString(*source, "url", field + ".source", out.url); !s) return s;
  } else {
    return {};  // file ids and future sources: the caller keeps the raw block
  }
  out.type = ContentBlock::Type::kImage;
  static constexpr std::string_view kKnown[] = {"type", "source"};
  keepUnknown(block, kKnown, out.extra);  // cache_control
  return {};
}

// Text of a tool_result's content: a string, or the text blocks joined.
Status decodeToolResult(Json& block, const std::string& field, ContentBlock& out) {
  out.type = ContentBlock::Type::kToolResult;
  if (auto s = takeString(block, "tool_use_id", field, out.toolCallId); !s) return s;
  if (auto e = block.find("is_error"); e != block.end() && !e->is_null()) {
    if (!e->is_boolean()) return wrongType(field + ".is_error", "boolean", *e);
    out.isError = e->get<bool>();
    // An explicit false is kept so that an Anthropic upstream gets the same block.
    if (!out.isError) out.extra["is_error"] = false;
  }
  if (auto c = block.find("content"); c != block.end() && !c->is_null()) {
    if (c->is_string()) {
      out.text = std::move(c->get_ref<std::string&>());
    } else if (c->is_array()) {
      for (std::size_t i = 0; i < c->size(); ++i) {
        const Json& part = (*c)[i];
        if (!part.is_object()) return wrongType(field + ".content[" + std::to_string(i) + "]", "object", part);
        if (part.value("type", "") == "text" && part.contains("text") && part["text"].is_string()) {
          if (!out.text.empty()) out.text += "\n";
          out.text += part["text"].get_ref<const std::string&>();
        }
      }
      // The blocks themselves (images, cache_control, boundaries) are kept for
      // Anthropic upstreams; encodeRequest uses them while `text` is unchanged.
      out.extra["content"] = std::move(*c);
    } else {
      return wrongType(field + ".content", "string or array", *c);
    }
  }
  static constexpr std::string_view kKnown[] = {"type", "tool_use_id", "is_error", "content"};
  keepUnknown(block, kKnown, out.extra);
  return {};
}

Status decodeBlock(Json& block, const std::string& field, ContentBlock& out) {
  if (!block.is_object()) return wrongType(field, "object", block);
  auto typeIt = block.find("type");
  if (typeIt == block.end()) return missing(field + ".type");
  if (!typeIt->is_string()) return wrongType(field + ".type", "string", *typeIt);
  const std::string type = typeIt->get<std::string>();
  if (type == "text") {
    out.type = ContentBlock::Type::kText;
    if (auto s = takeString(block, "text", field, out.text); !s) return s;
    static constexpr std::string_view kKnown[] = {"type", "text"};
    keepUnknown(block, kKnown, out.extra);  // cache_control, citations
    return {};
  }
  if (type == "image") {
    if (auto s = decodeImage(block, field, out); !s) return s;
    if (out.type == ContentBlock::Type::kImage) return {};
  } else if (type == "tool_use") {
    out.type = ContentBlock::Type::kToolCall;
    if (auto s = takeString(block, "id", field, out.toolCallId); !s) return s;
    if (auto s = takeString(block, "name", field, out.toolName); !s) return s;
    auto input = block.find("input");
    if (input == block.end()) return missing(field + ".input");
    if (!input->is_object()) return wrongType(field + ".input", "object", *input);
    out.arguments = input->dump(-1, ' ', false, Json::error_handler_t::replace);
    static constexpr std::string_view kKnown[] = {"type", "id", "name", "input"};
    keepUnknown(block, kKnown, out.extra);
    return {};
  } else if (type == "tool_result") {
    return decodeToolResult(block, field, out);
  } else if (type == "thinking") {
    out.type = ContentBlock::Type::kReasoning;
    if (auto s = takeString(block, "thinking", field, out.text); !s) return s;
    static constexpr std::string_view kKnown[] = {"type", "thinking"};
    keepUnknown(block, kKnown, out.extra);  // signature
    return {};
  } else if (type == "redacted_thinking") {
    out.type = ContentBlock::Type::kReasoning;
    std::string data;
    if (auto s = takeString(block, "data", field, data); !s) return s;
    out.extra["anthropic_type"] = "redacted_thinking";
    out.extra["data"] = std::move(data);
    return {};
  }
  // document, search_result, server tool blocks, image with a file source …:
  // kept verbatim for Anthropic upstreams.
  out = ContentBlock{};
  out.type = ContentBlock::Type::kText;
  out.extra["anthropic_block"] = std::move(block);
  return {};
}

Status decodeContent(Json& content, const std::string& field, std::vector<ContentBlock>& out) {
  if (content.is_string()) {
    out.push_back(ContentBlock::makeText(std::move(content.get_ref<std::string&>())));
    return {};
  }
  if (!content.is_array()) return wrongType(field, "string or array", content);
  out.reserve(content.size());
  for (std::size_t i = 0; i < content.size(); ++i) {
    ContentBlock block;
    if (auto s = decodeBlock(content[i], field + "[" + std::to_string(i) + "]", block); !s) return s;
    out.push_back(std::move(block));
  }
  return {};
}

Status decodeMessage(Json& m, const std::string& field, Message& message) {
  if (!m.is_object()) return wrongType(field, "object", m);
  std::string role;
  if (auto s = takeString(m, "role", field, role); !s) return s;
  if (role == "user") message.role = Role::kUser;
  else if (role == "assistant") message.role = Role::kAssistant;
  else if (role == "system") message.role = Role::kSystem;  // Claude Code: mid-conversation system
  else
    return Status(StatusCode::kInvalidArgument, field + ".role: unknown role \"" + role + "\"").withReason("invalid_value");
  auto content = m.find("content");
  if (content == m.end()) return missing(field + ".content");
  if (auto s = decodeContent(*content, field + ".content", message.content); !s) return s;
  static constexpr std::string_view kKnown[] = {"role", "content"};
  keepUnknown(m, kKnown, message.extra);
  return {};
}

Status decodeTool(Json& tool, const std::string& field, ToolDefinition& def) {
  if (!tool.is_object()) return wrongType(field, "object", tool);
  auto type = tool.find("type");
  if (type != tool.end() && !type->is_null() && !type->is_string()) return wrongType(field + ".type", "string", *type);
  bool custom = type == tool.end() || type->is_null() || *type == "custom";
  if (!custom) {  // server tools (web_search_20250305, bash_20250124 …): kept whole
    def.type = type->get<std::string>();
    if (auto name = tool.find("name"); name != tool.end() && name->is_string()) def.name = name->get<std::string>();
    def.extra["anthropic_tool"] = std::move(tool);
    return {};
  }
  def.type = "function";
  if (auto s = takeString(tool, "name", field, def.name); !s) return s;
  if (auto d = tool.find("description"); d != tool.end() && !d->is_null()) {
    if (!d->is_string()) return wrongType(field + ".description", "string", *d);
    def.description = d->get<std::string>();
  }
  auto schema = tool.find("input_schema");
  if (schema == tool.end()) return missing(field + ".input_schema");
  if (!schema->is_object() && !detail::isRawJsonNode(*schema))
    return wrongType(field + ".input_schema", "object", *schema);
  detail::takeSchema(*schema, def);
  static constexpr std::string_view kKnown[] = {"name", "description", "input_schema"};
  keepUnknown(tool, kKnown, def.extra);  // type "custom", cache_control, strict …
  return {};
}

Status decodeToolChoice(Json& choice, ChatRequest& req) {
  if (!choice.is_object()) return wrongType("tool_choice", "object", choice);
  std::string type;
  if (auto s = takeString(choice, "type", "tool_choice", type); !s) return s;
  if (type == "auto") req.toolChoice = "auto";
  else if (type == "any") req.toolChoice = "required";
  else if (type == "none") req.toolChoice = "none";
  else if (type == "tool") {
    std::string name;
    if (auto s = takeString(choice, "name", "tool_choice", name); !s) return s;
    req.toolChoice = Json{{"name", std::move(name)}};
  } else {
    return Status(StatusCode::kInvalidArgument, "tool_choice.type: unknown type \"" + type + "\"").withReason("invalid_value");
  }
  if (auto p = choice.find("disable_parallel_tool_use"); p != choice.end() && !p->is_null()) {
    if (!p->is_boolean()) return wrongType("tool_choice.disable_parallel_tool_use", "boolean", *p);
    if (p->get<bool>()) req.extra["parallel_tool_calls"] = false;
  }
  return {};
}

Status decodeSystem(Json& system, ChatRequest& req) {
  Message message;
  message.role = Role::kSystem;
  if (auto s = decodeContent(system, "system", message.content); !s) return s;
  for (std::size_t i = 0; i < message.content.size(); ++i)
    if (message.content[i].type != ContentBlock::Type::kText)
      return Status(StatusCode::kInvalidArgument, "system[" + std::to_string(i) + "]: expected a text block")
          .withReason("invalid_value");
  req.messages.insert(req.messages.begin(), std::move(message));
  return {};
}

Status decodeScalars(Json& root, ChatRequest& req) {
  if (auto it = root.find("max_tokens"); it != root.end() && !it->is_null()) {
    if (!it->is_number_integer()) return wrongType("max_tokens", "integer", *it);
    req.maxTokens = it->get<int64_t>();
  }
  if (auto it = root.find("temperature"); it != root.end() && !it->is_null()) {
    if (!it->is_number()) return wrongType("temperature", "number", *it);
    req.temperature = it->get<double>();
  }
  if (auto it = root.find("top_p"); it != root.end() && !it->is_null()) {
    if (!it->is_number()) return wrongType("top_p", "number", *it);
    req.topP = it->get<double>();
  }
  if (auto stop = root.find("stop_sequences"); stop != root.end() && !stop->is_null()) {
    if (!stop->is_array()) return wrongType("stop_sequences", "array", *stop);
    for (std::size_t i = 0; i < stop->size(); ++i) {
      if (!(*stop)[i].is_string()) return wrongType("stop_sequences[" + std::to_string(i) + "]", "string", (*stop)[i]);
      req.stop.push_back((*stop)[i].get<std::string>());
    }
  }
  if (auto stream = root.find("stream"); stream != root.end() && !stream->is_null()) {
    if (!stream->is_boolean()) return wrongType("stream", "boolean", *stream);
    req.stream = stream->get<bool>();
    req.includeUsage = req.stream;  // Anthropic streams always carry usage
  }
  return {};
}

Status decodeRoot(Json& root, ChatRequest& req) {
  if (!root.is_object()) return wrongType("request body", "object", root);
  if (auto model = root.find("model"); model != root.end() && !model->is_null()) {
    if (!model->is_string()) return wrongType("model", "string", *model);
    req.model = model->get<std::string>();
  }
  auto messages = root.find("messages");
  if (messages == root.end()) return missing("messages");
  if (!messages->is_array()) return wrongType("messages", "array", *messages);
  req.messages.resize(messages->size());
  for (std::size_t i = 0; i < messages->size(); ++i)
    if (auto s = decodeMessage((*messages)[i], "messages[" + std::to_string(i) + "]", req.messages[i]); !s) return s;
  if (auto system = root.find("system"); system != root.end() && !system->is_null())
    if (auto s = decodeSystem(*system, req); !s) return s;
  if (auto tools = root.find("tools"); tools != root.end() && !tools->is_null()) {
    if (!tools->is_array()) return wrongType("tools", "array", *tools);
    req.tools.resize(tools->size());
    for (std::size_t i = 0; i < tools->size(); ++i)
      if (auto s = decodeTool((*tools)[i], "tools[" + std::to_string(i) + "]", req.tools[i]); !s) return s;
  }
  if (auto choice = root.find("tool_choice"); choice != root.end() && !choice->is_null())
    if (auto s = decodeToolChoice(*choice, req); !s) return s;
  if (auto s = decodeScalars(root, req); !s) return s;
  static constexpr std::string_view kKnown[] = {"model", "messages", "system", "tools", "tool_choice", "max_tokens",
                                                "temperature", "top_p", "stop_sequences", "stream"};
  keepUnknown(root, kKnown, req.extra);  // metadata, thinking, top_k, context_management, output_config …
  return {};
}

}  // namespace

Result<ChatRequest> decodeRequest(std::string_view body) {
  Json root;
  try {
    root = detail::parseJson(body, detail::RawSchemas::kAnthropic);
  } catch (const Json::parse_error& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: ..." -> after "] "
    if (auto pos = what.find("] "); pos != std::string::npos) what.erase(0, pos + 2);
    return Status(StatusCode::kInvalidArgument, "invalid JSON: " + what).withReason("invalid_json");
  }
  ChatRequest req;
  try {
    if (auto s = decodeRoot(root, req); !s) return s;
  } catch (const Json::exception& e) {  // a type check missed above: still a client error
    return Status(StatusCode::kInvalidArgument, std::string("invalid request: ") + e.what()).withReason("invalid_type");
  }
  return req;
}

}  // namespace gateos::sdk::codec::anthropic_messages
