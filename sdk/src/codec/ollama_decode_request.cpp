// Ollama inbound: /api/chat, /api/generate, /api/embed bodies → canonical.
#include "gateos/sdk/codec/ollama_decode_request.h"

#include "decode_support.h"

#include <deque>
#include <string>

namespace gateos::sdk::codec::ollama {
namespace {

// One text input (designated initializers would warn about the other fields).
EmbeddingInput textInput(std::string text) {
  EmbeddingInput in;
  in.text = std::move(text);
  return in;
}

Status wrongType(const std::string& field, const char* expected, const Json& got) {
  return detail::wrongType(field, expected, got).withParam(field);
}

Status missing(const std::string& field) { return detail::missing(field).withParam(field); }

Status untranslatable(const std::string& field, const std::string& why) {
  return Status(StatusCode::kUnimplemented, field + ": " + why).withHttpStatus(400).withReason("unsupported_field").withParam(field);
}

Result<Json> parseObject(std::string_view body) {
  Json doc = Json::parse(body, nullptr, false);
  if (doc.is_discarded())
    return Status(StatusCode::kInvalidArgument, "invalid JSON: the body is not a JSON document").withReason("invalid_json");
  if (!doc.is_object()) return wrongType("request body", "object", doc);
  return doc;
}

Result<std::string> requiredModel(const Json& doc) {
  auto model = doc.find("model");
  if (model == doc.end() || (model->is_string() && model->get_ref<const std::string&>().empty())) return missing("model");
  if (!model->is_string()) return wrongType("model", "string", *model);
  return model->get<std::string>();
}

// Media type from the first bytes of base64 image data.
std::string sniffMediaType(std::string_view base64) {
  if (base64.starts_with("/9j/")) return "image/jpeg";
  if (base64.starts_with("R0lGOD")) return "image/gif";
  if (base64.starts_with("UklGR")) return "image/webp";
  return "image/png";  // iVBOR… and anything unknown
}

Status decodeImages(const Json& images, const std::string& field, std::vector<ContentBlock>& out) {
  if (images.is_null()) return {};
  if (!images.is_array()) return wrongType(field, "array", images);
  for (std::size_t i = 0; i < images.size(); ++i) {
    const Json& image = images[i];
    std::string itemField = field + "[" + std::to_string(i) + "]";
    if (!image.is_string()) return wrongType(itemField, "string", image);
    const auto& text = image.get_ref<const std::string&>();
    ContentBlock block;
    block.type = ContentBlock::Type::kImage;
    if (text.starts_with("data:")) {
      block.url = text;
    } else {
      block.data = text;
      block.mediaType = sniffMediaType(text);
    }
    out.push_back(std::move(block));
  }
  return {};
}

Status numberOption(const Json& options, const char* key, std::optional<double>& into) {
  auto it = options.find(key);
  if (it == options.end() || it->is_null()) return {};
  if (!it->is_number()) return wrongType(std::string("options.") + key, "number", *it);
  into = it->get<double>();
  return {};
}

// options, format, keep_alive, think → canonical fields, OpenAI-named extras
// and the private Ollama extra (ollama_types.h).
Status decodeCommon(Json& doc, ChatRequest& request, Json& privateExtra) {
  if (auto stream = doc.find("stream"); stream != doc.end() && !stream->is_null()) {
    if (!stream->is_boolean()) return wrongType("stream", "boolean", *stream);
    request.stream = stream->get<bool>();
  } else {
    request.stream = true;  // Ollama's default
  }
  request.includeUsage = true;  // the last line always carries the counters

  if (auto options = doc.find("options"); options != doc.end() && !options->is_null()) {
    if (!options->is_object()) return wrongType("options", "object", *options);
    if (auto s = numberOption(*options, "temperature", request.temperature); !s) return s;
    if (auto s = numberOption(*options, "top_p", request.topP); !s) return s;
    Json rest = Json::object();
    for (auto it = options->begin(); it != options->end(); ++it) {
      const std::string& key = it.key();
      Json& value = it.value();
      if (key == "temperature" || key == "top_p" || value.is_null()) continue;
      if (key == "num_predict") {
        if (!value.is_number_integer()) return wrongType("options.num_predict", "integer", value);
        if (value.get<int64_t>() > 0) request.maxTokens = value.get<int64_t>();
      } else if (key == "stop") {
        if (value.is_string()) {
          request.stop.push_back(value.get<std::string>());
        } else if (value.is_array()) {
          for (std::size_t i = 0; i < value.size(); ++i) {
            if (!value[i].is_string()) return wrongType("options.stop[" + std::to_string(i) + "]", "string", value[i]);
            request.stop.push_back(value[i].get<std::string>());
          }
        } else {
          return wrongType("options.stop", "array", value);
        }
      } else if (key == "top_k" || key == "seed") {
        if (!value.is_number_integer()) return wrongType("options." + key, "integer", value);
        request.extra[key] = value;
      } else if (key == "presence_penalty" || key == "frequency_penalty") {
        if (!value.is_number()) return wrongType("options." + key, "number", value);
        request.extra[key] = value;
      } else {
        rest[key] = std::move(value);
      }
    }
    if (!rest.empty()) privateExtra["options"] = std::move(rest);
  }

  if (auto format = doc.find("format"); format != doc.end() && !format->is_null()) {
    if (format->is_string()) {
      if (*format == "json") request.extra["response_format"] = Json{{"type", "json_object"}};
      else if (!format->get_ref<const std::string&>().empty()) return wrongType("format", "\"json\" or a JSON schema object", *format);
    } else if (format->is_object()) {
      request.extra["response_format"] =
          Json{{"type", "json_schema"}, {"json_schema", {{"name", "response"}, {"schema", *format}}}};
    } else {
      return wrongType("format", "\"json\" or a JSON schema object", *format);
    }
    privateExtra["format"] = *format;
  }

  if (auto think = doc.find("think"); think != doc.end() && !think->is_null()) {
    if (think->is_string()) request.extra["reasoning_effort"] = *think;
    else if (!think->is_boolean()) return wrongType("think", "boolean or \"low\" / \"medium\" / \"high\"", *think);
    privateExtra["think"] = *think;
  }
  if (auto keepAlive = doc.find("keep_alive"); keepAlive != doc.end() && !keepAlive->is_null())
    privateExtra["keep_alive"] = *keepAlive;
  return {};
}

Status decodeTools(const Json& tools, ChatRequest& request) {
  if (tools.is_null()) return {};
  if (!tools.is_array()) return wrongType("tools", "array", tools);
  for (std::size_t i = 0; i < tools.size(); ++i) {
    std::string field = "tools[" + std::to_string(i) + "]";
    const Json& tool = tools[i];
    if (!tool.is_object()) return wrongType(field, "object", tool);
    ToolDefinition def;
    if (auto type = tool.find("type"); type != tool.end() && type->is_string()) def.type = type->get<std::string>();
    auto fn = tool.find("function");
    if (fn == tool.end() || !fn->is_object()) {
      if (def.type == "function") return missing(field + ".function");
      def.extra = tool;  // another tool type: passed on whole
      request.tools.push_back(std::move(def));
      continue;
    }
    auto name = fn->find("name");
    if (name == fn->end() || !name->is_string()) return wrongType(field + ".function.name", "string", name == fn->end() ? Json() : *name);
    def.name = name->get<std::string>();
    if (auto d = fn->find("description"); d != fn->end() && d->is_string()) def.description = d->get<std::string>();
    if (auto p = fn->find("parameters"); p != fn->end() && !p->is_null()) {
      if (!p->is_object()) return wrongType(field + ".function.parameters", "object", *p);
      def.parameters = *p;
    }
    request.tools.push_back(std::move(def));
  }
  return {};
}

struct PendingCall {
  std::string id;
  std::string name;
};

Status decodeToolCalls(const Json& calls, const std::string& field, std::size_t messageIndex, Message& message,
                       std::deque<PendingCall>& pending) {
  if (calls.is_null()) return {};
  if (!calls.is_array()) return wrongType(field, "array", calls);
  for (std::size_t n = 0; n < calls.size(); ++n) {
    std::string callField = field + "[" + std::to_string(n) + "]";
    const Json& call = calls[n];
    if (!call.is_object()) return wrongType(callField, "object", call);
    auto fn = call.find("function");
    if (fn == call.end() || !fn->is_object()) return missing(callField + ".function");
    auto name = fn->find("name");
    if (name == fn->end() || !name->is_string()) return wrongType(callField + ".function.name", "string", name == fn->end() ? Json() : *name);
    ContentBlock block;
    block.type = ContentBlock::Type::kToolCall;
    block.toolName = name->get<std::string>();
    if (auto id = call.find("id"); id != call.end() && id->is_string() && !id->get_ref<const std::string&>().empty())
      block.toolCallId = id->get<std::string>();
    else
      block.toolCallId = "call_" + std::to_string(messageIndex) + "_" + std::to_string(n);
    if (auto args = fn->find("arguments"); args != fn->end() && !args->is_null()) {
      if (args->is_string()) block.arguments = args->get<std::string>();
      else if (args->is_object()) block.arguments = args->dump(-1, ' ', false, Json::error_handler_t::replace);
      else return wrongType(callField + ".function.arguments", "object", *args);
    } else {
      block.arguments = "{}";
    }
    pending.push_back({block.toolCallId, block.toolName});
    message.content.push_back(std::move(block));
  }
  return {};
}

// The call a tool message answers: its tool_call_id, else the oldest
// unanswered call of its tool_name, else the oldest unanswered call.
std::string matchToolCall(std::deque<PendingCall>& pending, std::string_view id, std::string_view name,
                          std::size_t messageIndex) {
  auto take = [&](std::deque<PendingCall>::iterator it) {
    std::string found = it->id;
    pending.erase(it);
    return found;
  };
  if (!id.empty()) {
    for (auto it = pending.begin(); it != pending.end(); ++it)
      if (it->id == id) return take(it);
    return std::string(id);
  }
  if (!name.empty())
    for (auto it = pending.begin(); it != pending.end(); ++it)
      if (it->name == name) return take(it);
  if (!pending.empty()) return take(pending.begin());
  return "call_unmatched_" + std::to_string(messageIndex);
}

Result<Role> roleFrom(const Json& role, const std::string& field) {
  if (!role.is_string()) return wrongType(field, "string", role);
  const auto& r = role.get_ref<const std::string&>();
  if (r == "system") return Role::kSystem;
  if (r == "user") return Role::kUser;
  if (r == "assistant") return Role::kAssistant;
  if (r == "tool") return Role::kTool;
  return Status(StatusCode::kInvalidArgument, field + ": expected \"system\", \"user\", \"assistant\" or \"tool\", got \"" + r + "\"")
      .withReason("invalid_value")
      .withParam(field);
}

Status decodeMessage(Json& m, std::size_t index, ChatRequest& request, std::deque<PendingCall>& pending) {
  std::string field = "messages[" + std::to_string(index) + "]";
  if (!m.is_object()) return wrongType(field, "object", m);
  auto roleIt = m.find("role");
  if (roleIt == m.end()) return missing(field + ".role");
  auto role = roleFrom(*roleIt, field + ".role");
  if (!role) return role.status();
  Message message;
  message.role = role.value();
  std::string content;
  if (auto c = m.find("content"); c != m.end() && !c->is_null()) {
    if (!c->is_string()) return wrongType(field + ".content", "string", *c);
    content = c->get<std::string>();
  }
  Json privateExtra = Json::object();
  for (auto it = m.begin(); it != m.end(); ++it) {
    const auto& k = it.key();
    if (k != "role" && k != "content" && k != "images" && k != "thinking" && k != "tool_calls" && k != "tool_name" &&
        k != "tool_call_id")
      privateExtra[k] = it.value();
  }
  if (!privateExtra.empty()) message.extra[kPrivateExtraKey] = std::move(privateExtra);

  if (message.role == Role::kTool) {
    std::string_view id, name;
    if (auto i = m.find("tool_call_id"); i != m.end() && i->is_string()) id = i->get_ref<const std::string&>();
    if (auto n = m.find("tool_name"); n != m.end() && n->is_string()) name = n->get_ref<const std::string&>();
    ContentBlock result;
    result.type = ContentBlock::Type::kToolResult;
    result.toolCallId = matchToolCall(pending, id, name, index);
    result.toolName = std::string(name);  // Ollama and Gemini name the tool, not the call
    result.text = std::move(content);
    message.content.push_back(std::move(result));
    request.messages.push_back(std::move(message));
    return {};
  }
  if (auto t = m.find("thinking"); t != m.end() && !t->is_null()) {
    if (!t->is_string()) return wrongType(field + ".thinking", "string", *t);
    if (!t->get_ref<const std::string&>().empty()) {
      ContentBlock reasoning;
      reasoning.type = ContentBlock::Type::kReasoning;
      reasoning.text = t->get<std::string>();
      message.content.push_back(std::move(reasoning));
    }
  }
  if (!content.empty() || message.role != Role::kAssistant) message.content.push_back(ContentBlock::makeText(std::move(content)));
  if (auto images = m.find("images"); images != m.end())
    if (auto s = decodeImages(*images, field + ".images", message.content); !s) return s;
  if (auto calls = m.find("tool_calls"); calls != m.end()) {
    if (message.role != Role::kAssistant && !calls->is_null() && !calls->empty())
      return Status(StatusCode::kInvalidArgument, field + ".tool_calls: only assistant messages carry tool calls")
          .withReason("invalid_value")
          .withParam(field + ".tool_calls");
    if (auto s = decodeToolCalls(*calls, field + ".tool_calls", index, message, pending); !s) return s;
  }
  request.messages.push_back(std::move(message));
  return {};
}

// Top-level fields neither modelled nor Ollama-private go to the private extra.
void keepRest(Json& doc, std::initializer_list<std::string_view> known, Json& privateExtra) {
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    bool isKnown = false;
    for (auto k : known) isKnown = isKnown || it.key() == k;
    if (!isKnown) privateExtra[it.key()] = std::move(it.value());
  }
}

void attachPrivate(ChatRequest& request, Json&& privateExtra) {
  if (!privateExtra.empty()) request.extra[kPrivateExtraKey] = std::move(privateExtra);
}

}  // namespace

Result<RequestSummary> summarizeRequest(std::string_view body) {
  auto doc = parseObject(body);
  if (!doc) return doc.status();
  auto model = requiredModel(doc.value());
  if (!model) return model.status();
  RequestSummary summary;
  summary.model = std::move(model.value());
  summary.stream = true;
  if (auto stream = doc->find("stream"); stream != doc->end() && !stream->is_null()) {
    if (!stream->is_boolean()) return wrongType("stream", "boolean", *stream);
    summary.stream = stream->get<bool>();
  }
  summary.includeUsage = true;
  return summary;
}

Result<ChatRequest> decodeChatRequest(std::string_view body) {
  auto parsed = parseObject(body);
  if (!parsed) return parsed.status();
  Json& doc = parsed.value();
  ChatRequest request;
  auto model = requiredModel(doc);
  if (!model) return model.status();
  request.model = std::move(model.value());
  Json privateExtra = Json::object();
  if (auto s = decodeCommon(doc, request, privateExtra); !s) return s;

  auto messages = doc.find("messages");
  if (messages == doc.end() || messages->is_null()) return missing("messages");
  if (!messages->is_array()) return wrongType("messages", "array", *messages);
  if (messages->empty())
    return Status(StatusCode::kInvalidArgument, "messages: at least one message is required").withReason("invalid_value").withParam("messages");
  std::deque<PendingCall> pending;
  for (std::size_t i = 0; i < messages->size(); ++i)
    if (auto s = decodeMessage((*messages)[i], i, request, pending); !s) return s;
  if (auto tools = doc.find("tools"); tools != doc.end())
    if (auto s = decodeTools(*tools, request); !s) return s;
  keepRest(doc, {"model", "messages", "tools", "stream", "options", "format", "think", "keep_alive"}, privateExtra);
  attachPrivate(request, std::move(privateExtra));
  return request;
}

Result<ChatRequest> decodeGenerateRequest(std::string_view body) {
  auto parsed = parseObject(body);
  if (!parsed) return parsed.status();
  Json& doc = parsed.value();
  ChatRequest request;
  auto model = requiredModel(doc);
  if (!model) return model.status();
  request.model = std::move(model.value());
  Json privateExtra = Json::object();
  if (auto s = decodeCommon(doc, request, privateExtra); !s) return s;

  auto text = [&](const char* key) -> Result<std::string> {
    auto it = doc.find(key);
    if (it == doc.end() || it->is_null()) return std::string();
    if (!it->is_string()) return wrongType(key, "string", *it);
    return it->get<std::string>();
  };
  auto suffix = text("suffix");
  if (!suffix) return suffix.status();
  if (!suffix->empty()) return untranslatable("suffix", "fill-in-the-middle cannot be translated to a chat model");
  auto templ = text("template");
  if (!templ) return templ.status();
  if (!templ->empty()) return untranslatable("template", "a prompt template cannot be applied to a chat model");
  if (auto context = doc.find("context"); context != doc.end() && !context->is_null()) {
    if (!context->is_array()) return wrongType("context", "array", *context);
    if (!context->empty())
      return untranslatable("context", "token context from an earlier answer cannot be translated; use /api/chat with messages");
  }
  if (auto raw = doc.find("raw"); raw != doc.end() && !raw->is_null() && !raw->is_boolean()) return wrongType("raw", "boolean", *raw);

  auto system = text("system");
  if (!system) return system.status();
  if (!system->empty()) {
    Message m;
    m.role = Role::kSystem;
    m.content.push_back(ContentBlock::makeText(std::move(system.value())));
    request.messages.push_back(std::move(m));
  }
  auto prompt = text("prompt");
  if (!prompt) return prompt.status();
  Message user;
  user.role = Role::kUser;
  user.content.push_back(ContentBlock::makeText(std::move(prompt.value())));
  if (auto images = doc.find("images"); images != doc.end())
    if (auto s = decodeImages(*images, "images", user.content); !s) return s;
  if (user.content.size() == 1 && user.content.front().text.empty())
    return Status(StatusCode::kInvalidArgument, "prompt: must not be empty").withReason("missing_field").withParam("prompt");
  request.messages.push_back(std::move(user));
  keepRest(doc, {"model", "prompt", "system", "suffix", "template", "context", "raw", "images", "stream", "options", "format", "think", "keep_alive"},
           privateExtra);
  attachPrivate(request, std::move(privateExtra));
  return request;
}

Result<EmbeddingRequest> decodeEmbedRequest(std::string_view body) {
  auto parsed = parseObject(body);
  if (!parsed) return parsed.status();
  Json& doc = parsed.value();
  EmbeddingRequest request;
  auto model = requiredModel(doc);
  if (!model) return model.status();
  request.model = std::move(model.value());
  auto input = doc.find("input");
  if (input == doc.end() || input->is_null()) return missing("input");
  if (input->is_string()) {
    request.singleInput = true;
    request.inputs.push_back(textInput(input->get<std::string>()));
  } else if (input->is_array()) {
    if (input->empty())
      return Status(StatusCode::kInvalidArgument, "input: must not be empty").withReason("invalid_value").withParam("input");
    for (std::size_t i = 0; i < input->size(); ++i) {
      if (!(*input)[i].is_string()) return wrongType("input[" + std::to_string(i) + "]", "string", (*input)[i]);
      request.inputs.push_back(textInput((*input)[i].get<std::string>()));
    }
  } else {
    return wrongType("input", "string or array of strings", *input);
  }
  if (auto d = doc.find("dimensions"); d != doc.end() && !d->is_null()) {
    if (!d->is_number_integer() || d->get<int64_t>() < 1) return wrongType("dimensions", "integer >= 1", *d);
    request.dimensions = d->get<int64_t>();
  }
  Json privateExtra = Json::object();
  keepRest(doc, {"model", "input", "dimensions"}, privateExtra);
  if (!privateExtra.empty()) request.extra[kPrivateExtraKey] = std::move(privateExtra);
  return request;
}

Result<EmbeddingRequest> decodeLegacyEmbeddingsRequest(std::string_view body) {
  auto parsed = parseObject(body);
  if (!parsed) return parsed.status();
  Json& doc = parsed.value();
  EmbeddingRequest request;
  auto model = requiredModel(doc);
  if (!model) return model.status();
  request.model = std::move(model.value());
  auto prompt = doc.find("prompt");
  if (prompt == doc.end() || prompt->is_null()) return missing("prompt");
  if (!prompt->is_string()) return wrongType("prompt", "string", *prompt);
  request.singleInput = true;
  request.inputs.push_back(textInput(prompt->get<std::string>()));
  Json privateExtra = Json::object();
  keepRest(doc, {"model", "prompt"}, privateExtra);
  if (!privateExtra.empty()) request.extra[kPrivateExtraKey] = std::move(privateExtra);
  return request;
}

Result<std::string> decodeShowModel(std::string_view body) {
  auto parsed = parseObject(body);
  if (!parsed) return parsed.status();
  const Json& doc = parsed.value();
  for (const char* key : {"model", "name"}) {
    auto it = doc.find(key);
    if (it == doc.end() || it->is_null()) continue;
    if (!it->is_string()) return wrongType(key, "string", *it);
    if (!it->get_ref<const std::string&>().empty()) return it->get<std::string>();
  }
  return missing("model");
}

}  // namespace gateos::sdk::codec::ollama
