// decodeRequest: client Responses body -> canonical ChatRequest.
#include "json_fast.h"
#include <string>

#include "decode_support.h"
#include "tool_schema.h"
#include "gateos/sdk/codec/openai_responses.h"

namespace gateos::sdk::codec::openai_responses {
namespace {

using Type = ContentBlock::Type;

Status wrongType(const std::string& field, const char* expected, const Json& got) {
  return detail::wrongType(field, expected, got).withParam(field);
}

Status missing(const std::string& field) { return detail::missing(field).withParam(field); }

Status invalidValue(const std::string& field, const std::string& message) {
  return Status(StatusCode::kInvalidArgument, field + ": " + message).withReason("invalid_value").withParam(field);
}

Status takeString(Json& o, const char* key, const std::string& field, std::string& out) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return missing(field + "." + key);
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

// The object without the listed keys (an item's "envelope": id, status …).
template <std::size_t N>
Json envelope(Json& item, const std::string_view (&modelled)[N]) {
  Json out = Json::object();
  keepUnknown(item, modelled, out);
  return out;
}

// A part ("part") or a whole input item ("item") canonical does not model.
ContentBlock rawBlock(Json raw, std::string_view kind) {
  ContentBlock b;
  b.type = Type::kText;
  b.extra["openai_part"] = std::move(raw);
  b.extra["responses_part"] = kind;
  return b;
}

Status decodePart(Json& part, const std::string& field, ContentBlock& out) {
  if (part.is_string()) {  // lenient: a bare string part
    out = ContentBlock::makeText(std::move(part.get_ref<std::string&>()));
    return {};
  }
  if (!part.is_object()) return wrongType(field, "object", part);
  auto typeIt = part.find("type");
  if (typeIt == part.end()) return missing(field + ".type");
  if (!typeIt->is_string()) return wrongType(field + ".type", "string", *typeIt);
  const std::string type = typeIt->get<std::string>();
  if (type == "input_text" || type == "output_text" || type == "text") {
    out.type = Type::kText;
    if (auto s = takeString(part, "text", field, out.text); !s) return s;
    static constexpr std::string_view kKnown[] = {"type", "text"};
    keepUnknown(part, kKnown, out.extra);  // annotations, logprobs
    return {};
  }
  if (type == "refusal") {
    out.type = Type::kText;
    if (auto s = takeString(part, "refusal", field, out.text); !s) return s;
    out.extra["responses_refusal"] = true;
    return {};
  }
  if (type == "input_image") {
    auto url = part.find("image_url");
    if (url != part.end() && url->is_string()) {
      out.type = Type::kImage;
      out.url = std::move(url->get_ref<std::string&>());
      static constexpr std::string_view kKnown[] = {"type", "image_url"};
      keepUnknown(part, kKnown, out.extra);  // detail
      return {};
    }
    if (url != part.end() && !url->is_null()) return wrongType(field + ".image_url", "string", *url);
  }
  out = rawBlock(std::move(part), "part");  // input_file, input_audio, images by file_id …
  return {};
}

Status decodeContent(Json& content, const std::string& field, std::vector<ContentBlock>& out) {
  if (content.is_string()) {
    out.push_back(ContentBlock::makeText(std::move(content.get_ref<std::string&>())));
    return {};
  }
  if (!content.is_array()) return wrongType(field, "string or array", content);
  out.reserve(out.size() + content.size());
  for (std::size_t i = 0; i < content.size(); ++i) {
    ContentBlock block;
    if (auto s = decodePart(content[i], field + "[" + std::to_string(i) + "]", block); !s) return s;
    out.push_back(std::move(block));
  }
  return {};
}

class InputDecoder {
 public:
  explicit InputDecoder(ChatRequest& request) : req_(request) {}

  Status item(Json& item, const std::string& field) {
    if (!item.is_object()) return wrongType(field, "object", item);
    std::string type;
    if (auto t = item.find("type"); t != item.end() && !t->is_null()) {
      if (!t->is_string()) return wrongType(field + ".type", "string", *t);
      type = t->get<std::string>();
    }
    if (type.empty() || type == "message") return message(item, field);
    if (type == "function_call") return functionCall(item, field);
    if (type == "function_call_output") return functionOutput(item, field, false);
    if (type == "custom_tool_call") return customCall(item, field);
    if (type == "custom_tool_call_output") return functionOutput(item, field, true);
    if (type == "reasoning") return reasoning(item, field);
    // item_reference, web_search_call, local_shell_call …:
    // kept whole for a Responses upstream, refused by the others.
    bool assistantSide = type.ends_with("_call");
    Message* target = assistantSide ? &assistantTurn() : &newMessage(Role::kUser);
    target->content.push_back(rawBlock(std::move(item), "item"));
    return {};
  }

 private:
  Message& newMessage(Role role) {
    req_.messages.emplace_back();
    req_.messages.back().role = role;
    assistantOpen_ = role == Role::kAssistant;
    return req_.messages.back();
  }

  // The assistant message the next assistant-side item joins.
  Message& assistantTurn() {
    if (assistantOpen_ && !req_.messages.empty()) return req_.messages.back();
    return newMessage(Role::kAssistant);
  }

  // Marks `blocks[first]` as the start of an item with these fields.
  static void markItem(std::vector<ContentBlock>& blocks, std::size_t first, Json fields) {
    if (first >= blocks.size()) {
      ContentBlock empty;  // an item without content still marks its place
      blocks.push_back(std::move(empty));
    }
    blocks[first].extra["responses_item"] = std::move(fields);
  }

  Status message(Json& item, const std::string& field) {
    std::string role;
    if (auto s = takeString(item, "role", field, role); !s) return s;
    auto content = item.find("content");
    if (content == item.end() || content->is_null()) return missing(field + ".content");
    static constexpr std::string_view kModelled[] = {"role", "content"};
    if (role == "assistant") {
      Message& m = assistantTurn();
      std::size_t first = m.content.size();
      if (auto s = decodeContent(*content, field + ".content", m.content); !s) return s;
      markItem(m.content, first, envelope(item, kModelled));
      return {};
    }
    Role r;
    if (role == "user") r = Role::kUser;
    else if (role == "system") r = Role::kSystem;
    else if (role == "developer") r = Role::kDeveloper;
    else return invalidValue(field + ".role", "unknown role \"" + role + "\"");
    Message& m = newMessage(r);
    if (auto s = decodeContent(*content, field + ".content", m.content); !s) return s;
    m.extra = envelope(item, kModelled);
    return {};
  }

  Status functionCall(Json& item, const std::string& field) {
    ContentBlock b;
    b.type = Type::kToolCall;
    if (auto s = takeString(item, "call_id", field, b.toolCallId); !s) return s;
    if (auto s = takeString(item, "name", field, b.toolName); !s) return s;
    if (auto s = takeString(item, "arguments", field, b.arguments); !s) return s;
    if (auto ns = item.find("namespace"); ns != item.end() && !ns->is_null()) {
      // A tool of a namespace: other dialects know it by its flattened name.
      if (!ns->is_string()) return wrongType(field + ".namespace", "string", *ns);
      b.toolName = namespacedToolName(ns->get_ref<const std::string&>(), b.toolName);
    }
    static constexpr std::string_view kModelled[] = {"call_id", "name", "arguments"};
    b.extra["responses_item"] = envelope(item, kModelled);  // type, id, status, namespace
    assistantTurn().content.push_back(std::move(b));
    return {};
  }

  // A freeform tool's call: for other dialects a call of a function whose one
  // string parameter "input" holds the text.
  Status customCall(Json& item, const std::string& field) {
    ContentBlock b;
    b.type = Type::kToolCall;
    std::string input;
    if (auto s = takeString(item, "call_id", field, b.toolCallId); !s) return s;
    if (auto s = takeString(item, "name", field, b.toolName); !s) return s;
    if (auto s = takeString(item, "input", field, input); !s) return s;
    b.arguments = Json{{"input", std::move(input)}}.dump(-1, ' ', false, Json::error_handler_t::replace);
    static constexpr std::string_view kModelled[] = {"call_id", "name", "input"};
    b.extra["responses_item"] = envelope(item, kModelled);  // type custom_tool_call, id, status
    assistantTurn().content.push_back(std::move(b));
    return {};
  }

  // function_call_output, or (custom) custom_tool_call_output.
  Status functionOutput(Json& item, const std::string& field, bool custom) {
    ContentBlock b;
    b.type = Type::kToolResult;
    if (auto s = takeString(item, "call_id", field, b.toolCallId); !s) return s;
    auto output = item.find("output");
    if (output == item.end() || output->is_null()) return missing(field + ".output");
    if (output->is_string()) {
      b.text = std::move(output->get_ref<std::string&>());
    } else if (output->is_array()) {
      for (std::size_t i = 0; i < output->size(); ++i) {
        const Json& part = (*output)[i];
        if (!part.is_object()) return wrongType(field + ".output[" + std::to_string(i) + "]", "object", part);
        if (part.value("type", "") == "input_text" && part.contains("text") && part["text"].is_string()) {
          if (!b.text.empty()) b.text += "\n";
          b.text += part["text"].get_ref<const std::string&>();
        }
      }
      // The parts (images, files) go back verbatim to a Responses upstream
      // while `text` is unchanged (see encodeRequest).
      b.extra["output"] = std::move(*output);
    } else {
      return wrongType(field + ".output", "string or array", *output);
    }
    if (custom) b.extra["responses_custom"] = true;
    Message& m = newMessage(Role::kTool);
    static constexpr std::string_view kModelled[] = {"type", "call_id", "output"};
    m.extra = envelope(item, kModelled);  // id, status
    m.content.push_back(std::move(b));
    return {};
  }

  Status reasoningParts(Json& item, const char* key, const char* partType, const std::string& field,
                        std::vector<ContentBlock>& out) {
    auto parts = item.find(key);
    if (parts == item.end() || parts->is_null()) return {};
    if (!parts->is_array()) return wrongType(field + "." + key, "array", *parts);
    for (std::size_t i = 0; i < parts->size(); ++i) {
      Json& part = (*parts)[i];
      std::string f = field + "." + key + "[" + std::to_string(i) + "]";
      if (!part.is_object()) return wrongType(f, "object", part);
      ContentBlock b;
      b.type = Type::kReasoning;
      if (auto s = takeString(part, "text", f, b.text); !s) return s;
      b.extra["reasoning_part"] = partType;
      out.push_back(std::move(b));
    }
    item.erase(key);
    return {};
  }

  Status reasoning(Json& item, const std::string& field) {
    Message& m = assistantTurn();
    std::size_t first = m.content.size();
    if (auto s = reasoningParts(item, "summary", "summary_text", field, m.content); !s) return s;
    if (auto s = reasoningParts(item, "content", "reasoning_text", field, m.content); !s) return s;
    if (first == m.content.size()) {
      ContentBlock b;
      b.type = Type::kReasoning;
      m.content.push_back(std::move(b));
    }
    m.content[first].extra["responses_item"] = std::move(item);  // type, id, encrypted_content, status
    return {};
  }

  ChatRequest& req_;
  bool assistantOpen_ = false;
};

Status decodeFunctionTool(Json& tool, const std::string& field, ToolDefinition& def) {
  if (auto s = takeString(tool, "name", field, def.name); !s) return s;
  if (auto d = tool.find("description"); d != tool.end() && !d->is_null()) {
    if (!d->is_string()) return wrongType(field + ".description", "string", *d);
    def.description = d->get<std::string>();
  }
  if (auto p = tool.find("parameters"); p != tool.end() && !p->is_null()) {
    if (!p->is_object() && !detail::isRawJsonNode(*p)) return wrongType(field + ".parameters", "object", *p);
    detail::takeSchema(*p, def);
  }
  static constexpr std::string_view kKnown[] = {"type", "name", "description", "parameters"};
  keepUnknown(tool, kKnown, def.extra);  // strict
  return {};
}

// The schema other dialects get for a freeform ("custom") tool: one string
// "input", described with the tool's grammar when it has one.
std::string customToolSchema(const Json& tool) {
  std::string about = "The tool's input as free-form text";
  if (auto f = tool.find("format"); f != tool.end() && f->is_object() && f->value("type", "") == "grammar") {
    about += ", in this " + f->value("syntax", std::string("grammar")) + " grammar:\n";
    about += f->value("definition", std::string());
  }
  Json schema{{"type", "object"},
              {"properties", {{"input", {{"type", "string"}, {"description", std::move(about)}}}}},
              {"required", {"input"}},
              {"additionalProperties", false}};
  return schema.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// One client tool as canonical tools (appended to `out`). Function tools map
// one to one. For other dialects a namespace's functions become function tools
// named "<namespace>__<name>" and a freeform tool a function with one string
// parameter; their original form rides along for a Responses upstream and
// the client's names are recorded in extra["gateos.tool_names"] so that the
// answer's calls map back. Built-in tools (web_search …) are kept whole.
Status decodeTool(Json& tool, const std::string& field, std::vector<ToolDefinition>& out, Json& clientNames) {
  if (!tool.is_object()) return wrongType(field, "object", tool);
  auto typeIt = tool.find("type");
  if (typeIt == tool.end() || typeIt->is_null()) return missing(field + ".type");
  if (!typeIt->is_string()) return wrongType(field + ".type", "string", *typeIt);
  const std::string type = typeIt->get<std::string>();  // copied: a built-in tool is kept whole
  if (type == "function") {
    out.emplace_back();
    return decodeFunctionTool(tool, field, out.back());
  }
  if (type == "custom") {
    ToolDefinition def;
    Json raw = tool;  // for a Responses upstream, as the client sent it
    if (auto s = takeString(tool, "name", field, def.name); !s) return s;
    if (auto d = tool.find("description"); d != tool.end() && d->is_string()) def.description = d->get<std::string>();
    def.parametersJson = customToolSchema(tool);
    clientNames[def.name] = Json{{"custom", def.name}};
    def.extra["responses_tool"] = std::move(raw);
    out.push_back(std::move(def));
    return {};
  }
  if (type == "namespace") {
    Json whole = tool;  // for a Responses upstream, on the first member
    std::string ns;
    if (auto s = takeString(tool, "name", field, ns); !s) return s;
    auto inner = tool.find("tools");
    if (inner == tool.end() || inner->is_null()) return missing(field + ".tools");
    if (!inner->is_array()) return wrongType(field + ".tools", "array", *inner);
    std::size_t first = out.size();
    for (std::size_t j = 0; j < inner->size(); ++j) {
      Json& member = (*inner)[j];
      std::string f = field + ".tools[" + std::to_string(j) + "]";
      if (!member.is_object()) return wrongType(f, "object", member);
      ToolDefinition def;
      if (member.value("type", std::string("function")) != "function") {
        // Not a function: nothing another dialect can offer (left out, and reported).
        def.type = member.value("type", std::string());
        def.name = member.value("name", std::string());
      } else {
        if (auto s = decodeFunctionTool(member, f, def); !s) return s;
        std::string plain = std::move(def.name);
        def.name = namespacedToolName(ns, plain);
        clientNames[def.name] = Json{{"namespace", ns}, {"name", std::move(plain)}};
      }
      def.extra["responses_tool_member"] = true;
      out.push_back(std::move(def));
    }
    if (out.size() == first) return {};  // an empty namespace offers nothing
    out[first].extra.erase("responses_tool_member");
    out[first].extra["responses_tool"] = std::move(whole);
    return {};
  }
  // web_search, file_search, mcp, local_shell …: kept whole.
  ToolDefinition def;
  def.type = type;
  if (auto name = tool.find("name"); name != tool.end() && name->is_string()) def.name = name->get<std::string>();
  def.extra["responses_tool"] = std::move(tool);
  out.push_back(std::move(def));
  return {};
}

Status decodeToolChoice(Json& choice, ChatRequest& req) {
  if (choice.is_string()) {
    const auto& c = choice.get_ref<const std::string&>();
    if (c != "auto" && c != "none" && c != "required") return invalidValue("tool_choice", "unknown value \"" + c + "\"");
    req.toolChoice = c;
    return {};
  }
  if (!choice.is_object()) return wrongType("tool_choice", "string or object", choice);
  if (choice.value("type", "") == "function" && choice.contains("name") && choice["name"].is_string()) {
    req.toolChoice = Json{{"name", choice["name"]}};
    return {};
  }
  req.toolChoice = std::move(choice);  // built-in tools, allowed_tools, mcp: kept as sent
  return {};
}

Status number(Json& root, const char* key, std::optional<double>& out) {
  auto it = root.find(key);
  if (it == root.end() || it->is_null()) return {};
  if (!it->is_number()) return wrongType(key, "number", *it);
  out = it->get<double>();
  return {};
}

Status decodeScalars(Json& root, ChatRequest& req) {
  if (auto it = root.find("max_output_tokens"); it != root.end() && !it->is_null()) {
    if (!it->is_number_integer()) return wrongType("max_output_tokens", "integer", *it);
    req.maxTokens = it->get<int64_t>();
  }
  if (auto s = number(root, "temperature", req.temperature); !s) return s;
  if (auto s = number(root, "top_p", req.topP); !s) return s;
  if (auto stream = root.find("stream"); stream != root.end() && !stream->is_null()) {
    if (!stream->is_boolean()) return wrongType("stream", "boolean", *stream);
    req.stream = stream->get<bool>();
    req.includeUsage = req.stream;  // response.completed always carries usage
  }
  return {};
}

Status decodeRoot(Json& root, ChatRequest& req) {
  if (!root.is_object()) return wrongType("request body", "object", root);
  if (auto model = root.find("model"); model != root.end() && !model->is_null()) {
    if (!model->is_string()) return wrongType("model", "string", *model);
    req.model = model->get<std::string>();
  }
  if (auto instructions = root.find("instructions"); instructions != root.end() && !instructions->is_null()) {
    if (!instructions->is_string()) return wrongType("instructions", "string", *instructions);
    Message system;
    system.role = Role::kSystem;
    system.content.push_back(ContentBlock::makeText(std::move(instructions->get_ref<std::string&>())));
    system.extra["responses_instructions"] = true;
    req.messages.push_back(std::move(system));
  }
  auto input = root.find("input");
  if (input != root.end() && !input->is_null()) {
    if (input->is_string()) {
      Message user;
      user.content.push_back(ContentBlock::makeText(std::move(input->get_ref<std::string&>())));
      req.messages.push_back(std::move(user));
    } else if (input->is_array()) {
      req.messages.reserve(req.messages.size() + input->size());
      InputDecoder decoder(req);
      for (std::size_t i = 0; i < input->size(); ++i)
        if (auto s = decoder.item((*input)[i], "input[" + std::to_string(i) + "]"); !s) return s;
    } else {
      return wrongType("input", "string or array", *input);
    }
  }
  if (auto tools = root.find("tools"); tools != root.end() && !tools->is_null()) {
    if (!tools->is_array()) return wrongType("tools", "array", *tools);
    req.tools.reserve(tools->size());
    Json clientNames = Json::object();
    for (std::size_t i = 0; i < tools->size(); ++i)
      if (auto s = decodeTool((*tools)[i], "tools[" + std::to_string(i) + "]", req.tools, clientNames); !s) return s;
    if (!clientNames.empty()) req.extra[std::string(kClientToolNames)] = std::move(clientNames);
  }
  if (auto choice = root.find("tool_choice"); choice != root.end() && !choice->is_null())
    if (auto s = decodeToolChoice(*choice, req); !s) return s;
  if (auto s = decodeScalars(root, req); !s) return s;
  static constexpr std::string_view kKnown[] = {"model", "instructions", "input", "tools", "tool_choice",
                                                "max_output_tokens", "temperature", "top_p", "stream"};
  keepUnknown(root, kKnown, req.extra);  // store, include, reasoning, text, previous_response_id …
  return {};
}

}  // namespace

Result<ChatRequest> decodeRequest(std::string_view body) {
  Json root;
  try {
    root = detail::parseJson(body, detail::RawSchemas::kResponses);
  } catch (const Json::parse_error& e) {
    std::string what = e.what();
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

}  // namespace gateos::sdk::codec::openai_responses
