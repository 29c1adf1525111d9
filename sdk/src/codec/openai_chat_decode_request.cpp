// decodeRequest: client Chat Completions body -> canonical ChatRequest.
#include "json_fast.h"
#include <string>

#include "decode_support.h"
#include "tool_schema.h"
#include "gateos/sdk/codec/openai_chat.h"

namespace gateos::sdk::codec::openai_chat {
namespace {

using detail::wrongType;
using detail::missing;

// Moves every key of `from` not listed in `known` into `extra`.
template <std::size_t N>
void keepUnknown(Json& from, const std::string_view (&known)[N], Json& extra) {
  for (auto it = from.begin(); it != from.end(); ++it) {
    bool isKnown = false;
    for (auto k : known) isKnown = isKnown || it.key() == k;
    if (!isKnown) extra[it.key()] = std::move(it.value());
  }
}

Status decodePart(Json& part, const std::string& field, ContentBlock& block) {
  if (!part.is_object()) return wrongType(field, "object", part);
  auto type = part.find("type");
  if (type == part.end() || !type->is_string()) return wrongType(field + ".type", "string", type == part.end() ? Json() : *type);
  const auto& t = type->get_ref<const std::string&>();
  if (t == "text") {
    auto text = part.find("text");
    if (text == part.end() || !text->is_string()) return wrongType(field + ".text", "string", text == part.end() ? Json() : *text);
    block.type = ContentBlock::Type::kText;
    block.text = std::move(text->get_ref<std::string&>());
    static constexpr std::string_view kKnown[] = {"type", "text"};
    keepUnknown(part, kKnown, block.extra);
    return {};
  }
  if (t == "image_url") {
    auto image = part.find("image_url");
    if (image == part.end()) return missing(field + ".image_url");
    block.type = ContentBlock::Type::kImage;
    if (image->is_string()) {  // lenient: some clients send the URL directly
      block.url = std::move(image->get_ref<std::string&>());
    } else if (image->is_object()) {
      auto url = image->find("url");
      if (url == image->end() || !url->is_string()) return wrongType(field + ".image_url.url", "string", url == image->end() ? Json() : *url);
      block.url = std::move(url->get_ref<std::string&>());
      static constexpr std::string_view kKnownImage[] = {"url"};
      keepUnknown(*image, kKnownImage, block.extra);  // detail
    } else {
      return wrongType(field + ".image_url", "object", *image);
    }
    return {};
  }
  // input_audio, file, refusal ...: kept verbatim for pass-back.
  block.type = ContentBlock::Type::kText;
  block.extra["openai_part"] = std::move(part);
  return {};
}

Status decodeContent(Json& content, const std::string& field, Message& message) {
  if (content.is_null()) return {};
  if (content.is_string()) {
    message.content.push_back(ContentBlock::makeText(std::move(content.get_ref<std::string&>())));
    return {};
  }
  if (!content.is_array()) return wrongType(field, "string or array", content);
  message.content.reserve(content.size());
  for (std::size_t i = 0; i < content.size(); ++i) {
    ContentBlock block;
    if (auto s = decodePart(content[i], field + "[" + std::to_string(i) + "]", block); !s) return s;
    message.content.push_back(std::move(block));
  }
  return {};
}

Status decodeToolCalls(Json& calls, const std::string& field, Message& message) {
  if (calls.is_null()) return {};
  if (!calls.is_array()) return wrongType(field, "array", calls);
  for (std::size_t i = 0; i < calls.size(); ++i) {
    std::string f = field + "[" + std::to_string(i) + "]";
    Json& call = calls[i];
    if (!call.is_object()) return wrongType(f, "object", call);
    ContentBlock block;
    block.type = ContentBlock::Type::kToolCall;
    if (auto id = call.find("id"); id != call.end() && id->is_string()) block.toolCallId = id->get<std::string>();
    auto fn = call.find("function");
    if (fn == call.end() || !fn->is_object()) return wrongType(f + ".function", "object", fn == call.end() ? Json() : *fn);
    auto name = fn->find("name");
    if (name == fn->end() || !name->is_string()) return wrongType(f + ".function.name", "string", name == fn->end() ? Json() : *name);
    block.toolName = name->get<std::string>();
    if (auto args = fn->find("arguments"); args != fn->end()) {
      if (args->is_string()) block.arguments = args->get<std::string>();
      else if (args->is_object()) block.arguments = args->dump();  // lenient
      else if (!args->is_null()) return wrongType(f + ".function.arguments", "string", *args);
    }
    message.content.push_back(std::move(block));
  }
  return {};
}

Result<Role> decodeRole(const Json& role, const std::string& field) {
  if (!role.is_string()) return wrongType(field, "string", role);
  const auto& r = role.get_ref<const std::string&>();
  if (r == "system") return Role::kSystem;
  if (r == "developer") return Role::kDeveloper;
  if (r == "user") return Role::kUser;
  if (r == "assistant") return Role::kAssistant;
  if (r == "tool") return Role::kTool;
  return Status(StatusCode::kInvalidArgument, field + ": unknown role \"" + r + "\"").withReason("invalid_value");
}

Status decodeMessage(Json& m, const std::string& field, Message& message) {
  if (!m.is_object()) return wrongType(field, "object", m);
  auto role = m.find("role");
  if (role == m.end()) return missing(field + ".role");
  auto r = decodeRole(*role, field + ".role");
  if (!r) return r.status();
  message.role = r.value();
  if (auto name = m.find("name"); name != m.end() && !name->is_null()) {
    if (!name->is_string()) return wrongType(field + ".name", "string", *name);
    message.name = name->get<std::string>();
  }
  auto content = m.find("content");
  if (message.role == Role::kTool) {
    auto id = m.find("tool_call_id");
    if (id == m.end() || !id->is_string()) return wrongType(field + ".tool_call_id", "string", id == m.end() ? Json() : *id);
    Message parts;
    if (content != m.end())
      if (auto s = decodeContent(*content, field + ".content", parts); !s) return s;
    ContentBlock result;
    result.type = ContentBlock::Type::kToolResult;
    result.toolCallId = id->get<std::string>();
    result.text = parts.text();
    message.content.push_back(std::move(result));
  } else {
    if (content != m.end())
      if (auto s = decodeContent(*content, field + ".content", message); !s) return s;
    if (auto calls = m.find("tool_calls"); calls != m.end())
      if (auto s = decodeToolCalls(*calls, field + ".tool_calls", message); !s) return s;
  }
  static constexpr std::string_view kKnown[] = {"role", "name", "content", "tool_calls", "tool_call_id"};
  keepUnknown(m, kKnown, message.extra);
  return {};
}

Status decodeTool(Json& tool, const std::string& field, ToolDefinition& def) {
  if (!tool.is_object()) return wrongType(field, "object", tool);
  auto type = tool.find("type");
  if (type == tool.end() || !type->is_string()) return wrongType(field + ".type", "string", type == tool.end() ? Json() : *type);
  def.type = type->get<std::string>();
  if (def.type != "function") {  // namespace, web_search, custom ...: kept whole
    def.extra = std::move(tool);
    return {};
  }
  auto fn = tool.find("function");
  if (fn == tool.end() || !fn->is_object()) return wrongType(field + ".function", "object", fn == tool.end() ? Json() : *fn);
  auto name = fn->find("name");
  if (name == fn->end() || !name->is_string()) return wrongType(field + ".function.name", "string", name == fn->end() ? Json() : *name);
  def.name = name->get<std::string>();
  if (auto d = fn->find("description"); d != fn->end() && !d->is_null()) {
    if (!d->is_string()) return wrongType(field + ".function.description", "string", *d);
    def.description = d->get<std::string>();
  }
  if (auto p = fn->find("parameters"); p != fn->end() && !p->is_null()) {
    if (!p->is_object() && !detail::isRawJsonNode(*p))
      return wrongType(field + ".function.parameters", "object", *p);
    detail::takeSchema(*p, def);
  }
  static constexpr std::string_view kKnownFn[] = {"name", "description", "parameters"};
  keepUnknown(*fn, kKnownFn, def.extra);  // strict ...
  Json toolExtra = Json::object();
  static constexpr std::string_view kKnownTool[] = {"type", "function"};
  keepUnknown(tool, kKnownTool, toolExtra);
  if (!toolExtra.empty()) def.extra["openai_tool"] = std::move(toolExtra);
  return {};
}

Status decodeNumbers(Json& root, ChatRequest& req) {
  for (const char* key : {"max_completion_tokens", "max_tokens"}) {
    auto it = root.find(key);
    if (it == root.end() || it->is_null()) continue;
    if (!it->is_number_integer()) return wrongType(key, "integer", *it);
    if (!req.maxTokens) req.maxTokens = it->get<int64_t>();
  }
  // Remember which spelling the client used (o-series models refuse max_tokens).
  if (auto it = root.find("max_completion_tokens"); it != root.end() && !it->is_null())
    req.extra["max_completion_tokens"] = *it;
  if (auto it = root.find("temperature"); it != root.end() && !it->is_null()) {
    if (!it->is_number()) return wrongType("temperature", "number", *it);
    req.temperature = it->get<double>();
  }
  if (auto it = root.find("top_p"); it != root.end() && !it->is_null()) {
    if (!it->is_number()) return wrongType("top_p", "number", *it);
    req.topP = it->get<double>();
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
  if (auto tools = root.find("tools"); tools != root.end() && !tools->is_null()) {
    if (!tools->is_array()) return wrongType("tools", "array", *tools);
    req.tools.resize(tools->size());
    for (std::size_t i = 0; i < tools->size(); ++i)
      if (auto s = decodeTool((*tools)[i], "tools[" + std::to_string(i) + "]", req.tools[i]); !s) return s;
  }
  if (auto choice = root.find("tool_choice"); choice != root.end() && !choice->is_null()) {
    if (choice->is_string()) {
      req.toolChoice = *choice;
    } else if (choice->is_object()) {
      auto fn = choice->find("function");
      if (choice->value("type", "") == "function" && fn != choice->end() && fn->is_object() && fn->contains("name"))
        req.toolChoice = Json{{"name", (*fn)["name"]}};
      else
        req.toolChoice = *choice;  // allowed_tools, custom ...: dialect-specific, kept as is
    } else {
      return wrongType("tool_choice", "string or object", *choice);
    }
  }
  if (auto s = decodeNumbers(root, req); !s) return s;
  if (auto stop = root.find("stop"); stop != root.end() && !stop->is_null()) {
    if (stop->is_string()) {
      req.stop.push_back(stop->get<std::string>());
    } else if (stop->is_array()) {
      for (std::size_t i = 0; i < stop->size(); ++i) {
        if (!(*stop)[i].is_string()) return wrongType("stop[" + std::to_string(i) + "]", "string", (*stop)[i]);
        req.stop.push_back((*stop)[i].get<std::string>());
      }
    } else {
      return wrongType("stop", "string or array", *stop);
    }
  }
  if (auto stream = root.find("stream"); stream != root.end() && !stream->is_null()) {
    if (!stream->is_boolean()) return wrongType("stream", "boolean", *stream);
    req.stream = stream->get<bool>();
  }
  if (auto opts = root.find("stream_options"); opts != root.end() && !opts->is_null()) {
    if (!opts->is_object()) return wrongType("stream_options", "object", *opts);
    if (auto iu = opts->find("include_usage"); iu != opts->end() && !iu->is_null()) {
      if (!iu->is_boolean()) return wrongType("stream_options.include_usage", "boolean", *iu);
      req.includeUsage = iu->get<bool>();
      opts->erase(iu);
    }
    if (!opts->empty()) req.extra["stream_options"] = std::move(*opts);
  }
  static constexpr std::string_view kKnown[] = {"model", "messages", "tools", "tool_choice", "max_tokens",
                                                "max_completion_tokens", "temperature", "top_p", "stop",
                                                "stream", "stream_options"};
  keepUnknown(root, kKnown, req.extra);
  return {};
}

}  // namespace

Result<ChatRequest> decodeRequest(std::string_view body) {
  Json root;
  try {
    root = detail::parseJson(body, detail::RawSchemas::kChat);
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

}  // namespace gateos::sdk::codec::openai_chat
