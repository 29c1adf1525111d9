// encodeRequest: canonical ChatRequest -> upstream Ollama /api/chat body.
#include "body_size.h"
#include "tool_schema.h"
#include "json_fast.h"
#include "encode_support.h"
#include "gateos/sdk/codec/ollama_encode_request.h"

namespace gateos::sdk::codec::ollama {
namespace {

using Type = ContentBlock::Type;
constexpr std::string_view kTarget = "an Ollama model";

// Ollama-only top-level fields an Ollama client sent (extra[kPrivateExtraKey]).
constexpr std::string_view kPrivateFields[] = {"format", "keep_alive", "think"};

// request.extra keys (OpenAI / Anthropic names) → Ollama option names.
constexpr std::pair<std::string_view, std::string_view> kExtraOptions[] = {
    {"seed", "seed"},
    {"top_k", "top_k"},
    {"frequency_penalty", "frequency_penalty"},
    {"presence_penalty", "presence_penalty"},
};

const Json* privateExtras(const ChatRequest& request) {
  auto it = request.extra.find(kPrivateExtraKey);
  return it != request.extra.end() && it->is_object() ? &*it : nullptr;
}

class Encoder {
 public:
  Encoder(const ChatRequest& request, const EncodeOptions& options)
      : request_(request), options_(options), toolNames_(detail::toolNamesById(request)) {}

  Result<std::string> run(std::string_view upstreamModel);

 private:
  Status encodeMessage(const Message& m, const std::string& field, Json& messages);
  Status encodeTools(Json& body) const;
  void encodeFormatAndThink(Json& body) const;

  const ChatRequest& request_;
  const EncodeOptions& options_;
  std::unordered_map<std::string, std::string> toolNames_;
};

Status Encoder::encodeMessage(const Message& m, const std::string& field, Json& messages) {
  std::string role = m.role == Role::kAssistant                                ? "assistant"
                     : m.role == Role::kSystem || m.role == Role::kDeveloper ? "system"
                                                                               : "user";
  std::string content;
  std::string thinking;
  Json images = Json::array();
  Json toolCalls = Json::array();
  for (std::size_t j = 0; j < m.content.size(); ++j) {
    const ContentBlock& b = m.content[j];
    const std::string blockField = field + ".content[" + std::to_string(j) + "]";
    switch (b.type) {
      case Type::kText:
        if (auto s = detail::checkForeignBlock(b, blockField, kTarget); !s) return s;
        content += b.text;
        break;
      case Type::kReasoning:
        thinking += b.text;
        break;
      case Type::kImage: {
        auto image = detail::inlineImage(b, blockField, kTarget);
        if (!image) return image.status();
        images.push_back(std::move(image.value().data));
        break;
      }
      case Type::kToolCall: {
        auto args = detail::argumentsObject(b, blockField);
        if (!args) return args.status();
        toolCalls.push_back(Json{{"function", {{"name", b.toolName}, {"arguments", std::move(args.value())}}}});
        break;
      }
      case Type::kToolResult: {
        // Every tool result is a "tool" message of its own, named by its call.
        Json result{{"role", "tool"}, {"content", b.text}};
        if (auto name = toolNames_.find(b.toolCallId); name != toolNames_.end()) result["tool_name"] = name->second;
        messages.push_back(std::move(result));
        break;
      }
    }
  }
  // A message that held only tool results is complete already.
  if (content.empty() && thinking.empty() && images.empty() && toolCalls.empty() &&
      (m.role == Role::kTool || !m.content.empty()))
    return {};
  Json msg{{"role", role}, {"content", std::move(content)}};
  if (!thinking.empty() && role == "assistant") msg["thinking"] = std::move(thinking);
  if (!images.empty()) msg["images"] = std::move(images);
  if (!toolCalls.empty()) msg["tool_calls"] = std::move(toolCalls);
  messages.push_back(std::move(msg));
  return {};
}

Status Encoder::encodeTools(Json& body) const {
  const Json& choice = request_.toolChoice;
  if (choice == "none") return {};  // no tools offered: the model cannot call one
  if (choice == "required" || choice == "any" || choice.is_object())
    return detail::untranslatable("tool_choice", "a required or named tool choice", kTarget);
  Json tools = Json::array();
  for (const auto& t : request_.tools) {
    // Tools of other kinds (web_search, server tools) widen what the model may
    // do, not what it is told: left out as in the Anthropic encoder.
    if (t.type != "function" || t.extra.contains("anthropic_tool")) continue;
    Json fn{{"name", t.name}};
    if (!t.description.empty()) fn["description"] = t.description;
    fn["parameters"] = detail::hasObjectSchema(t) ? detail::schemaNode(t)
                                                  : Json{{"type", "object"}, {"properties", Json::object()}};
    tools.push_back(Json{{"type", "function"}, {"function", std::move(fn)}});
  }
  if (!tools.empty()) body["tools"] = std::move(tools);
  return {};
}

void Encoder::encodeFormatAndThink(Json& body) const {
  const Json& extra = request_.extra;
  if (const Json* own = privateExtras(request_)) {
    for (auto key : kPrivateFields)
      if (auto it = own->find(key); it != own->end()) body[std::string(key)] = *it;
  }
  // OpenAI response_format → format ("json" or the JSON schema).
  if (auto rf = extra.find("response_format"); !body.contains("format") && rf != extra.end() && rf->is_object()) {
    std::string type = rf->value("type", std::string());
    if (type == "json_object") body["format"] = "json";
    else if (type == "json_schema" && rf->contains("json_schema") && (*rf)["json_schema"].is_object() &&
             (*rf)["json_schema"].contains("schema"))
      body["format"] = (*rf)["json_schema"]["schema"];
  }
  if (body.contains("think")) return;
  // OpenAI reasoning_effort / Anthropic thinking → think.
  if (auto effort = extra.find("reasoning_effort"); effort != extra.end() && effort->is_string()) {
    const auto& e = effort->get_ref<const std::string&>();
    if (e == "none" || e == "minimal") body["think"] = false;
    else body["think"] = e;  // gpt-oss takes "low" / "medium" / "high"; others read any string as on
  } else if (auto thinking = extra.find("thinking"); thinking != extra.end() && thinking->is_object()) {
    body["think"] = thinking->value("type", std::string()) != "disabled";
  }
}

Result<std::string> Encoder::run(std::string_view upstreamModel) {
  if (auto s = detail::requireOneChoice(request_, kTarget); !s) return s;
  Json body = Json::object();
  body["model"] = std::string(upstreamModel.empty() ? std::string_view(request_.model) : upstreamModel);
  Json messages = Json::array();
  for (std::size_t i = 0; i < request_.messages.size(); ++i)
    if (auto s = encodeMessage(request_.messages[i], "messages[" + std::to_string(i) + "]", messages); !s) return s;
  body["messages"] = std::move(messages);
  if (!request_.tools.empty())
    if (auto s = encodeTools(body); !s) return s;
  encodeFormatAndThink(body);
  if (Json opts = optionsFor(request_, options_.defaultOptions); !opts.empty()) body["options"] = std::move(opts);
  if (!body.contains("keep_alive") && !options_.keepAlive.empty()) body["keep_alive"] = options_.keepAlive;
  body["stream"] = request_.stream;  // Ollama streams unless told otherwise
  return detail::dumpJson(body, detail::estimatedBodySize(request_));
}

}  // namespace

Json optionsFor(const ChatRequest& request, const Json& defaults) {
  Json options = defaults.is_object() ? defaults : Json::object();
  if (const Json* own = privateExtras(request))
    if (auto o = own->find("options"); o != own->end() && o->is_object())
      for (auto it = o->begin(); it != o->end(); ++it) options[it.key()] = it.value();
  for (auto [from, to] : kExtraOptions)
    if (auto v = request.extra.find(from); v != request.extra.end() && v->is_number()) options[std::string(to)] = *v;
  if (request.maxTokens) options["num_predict"] = *request.maxTokens;
  if (request.temperature) options["temperature"] = *request.temperature;
  if (request.topP) options["top_p"] = *request.topP;
  if (!request.stop.empty()) options["stop"] = request.stop;
  return options;
}

Result<std::string> encodeRequest(const ChatRequest& request, std::string_view upstreamModel,
                                  const EncodeOptions& options) {
  try {
    return Encoder(request, options).run(upstreamModel);
  } catch (const Json::exception& e) {
    return Status(StatusCode::kInternal, std::string("encode ollama request: ") + e.what());
  }
}

}  // namespace gateos::sdk::codec::ollama
