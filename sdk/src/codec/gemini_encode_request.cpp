// encodeRequest: canonical ChatRequest -> Gemini generateContent body.
#include "body_size.h"
#include "tool_schema.h"
#include "json_fast.h"
#include "encode_support.h"
#include "gateos/sdk/codec/gemini.h"

namespace gateos::sdk::codec::gemini {
namespace {

using Type = ContentBlock::Type;
constexpr std::string_view kTarget = "a Gemini model";
// Google's documented stand-in for a thought signature the gateway does not
// have (history from another model or client): Gemini 3 refuses function
// calls in the history without one.
constexpr std::string_view kPlaceholderSignature = "skip_thought_signature_validator";

class Encoder {
 public:
  explicit Encoder(const ChatRequest& request) : request_(request), toolNames_(detail::toolNamesById(request)) {}

  Result<std::string> run();

 private:
  Status encodePart(const ContentBlock& b, const std::string& field, Json& parts) const;
  void append(std::string_view role, Json parts, Json& contents) const;
  void encodeTools(Json& body) const;
  void encodeGenerationConfig(Json& body) const;

  const ChatRequest& request_;
  std::unordered_map<std::string, std::string> toolNames_;
};

Json functionResponse(const ContentBlock& b, const std::string& name) {
  Json parsed = Json::parse(b.text, nullptr, false);
  Json response;
  if (!b.isError && !parsed.is_discarded() && parsed.is_object()) response = std::move(parsed);
  else response = Json{{b.isError ? "error" : "result", b.text}};
  return Json{{"functionResponse", {{"name", name}, {"response", std::move(response)}}}};
}

Status Encoder::encodePart(const ContentBlock& b, const std::string& field, Json& parts) const {
  switch (b.type) {
    case Type::kText:
      if (auto s = detail::checkForeignBlock(b, field, kTarget); !s) return s;
      if (!b.text.empty()) parts.push_back(Json{{"text", b.text}});
      return {};
    case Type::kReasoning:
      // Gemini's own thoughts are not replayed and other models' would be refused.
      return {};
    case Type::kImage: {
      auto image = detail::inlineImage(b, field, kTarget);
      if (!image) return image.status();
      parts.push_back(Json{{"inlineData", {{"mimeType", image.value().mediaType}, {"data", std::move(image.value().data)}}}});
      return {};
    }
    case Type::kToolCall: {
      auto args = detail::argumentsObject(b, field);
      if (!args) return args.status();
      auto [id, signature] = splitToolCallId(b.toolCallId);
      Json part{{"functionCall", {{"name", b.toolName}, {"args", std::move(args.value())}}}};
      part["thoughtSignature"] = signature.empty() ? std::string(kPlaceholderSignature) : std::move(signature);
      parts.push_back(std::move(part));
      return {};
    }
    case Type::kToolResult: {
      auto name = toolNames_.find(b.toolCallId);
      if (name == toolNames_.end())
        return Status(StatusCode::kInvalidArgument,
                      field + ": tool result for call \"" + b.toolCallId + "\" has no matching tool call in the history")
            .withReason("invalid_value");
      parts.push_back(functionResponse(b, name->second));
      return {};
    }
  }
  return {};
}

// Adds a turn, merged into the previous one of the same role (Gemini wants
// the answers to all of a turn's function calls in one user turn).
void Encoder::append(std::string_view role, Json parts, Json& contents) const {
  if (parts.empty()) return;  // Gemini refuses a turn without parts
  if (!contents.empty() && contents.back()["role"] == role) {
    for (auto& p : parts) contents.back()["parts"].push_back(std::move(p));
    return;
  }
  contents.push_back(Json{{"role", role}, {"parts", std::move(parts)}});
}

void Encoder::encodeTools(Json& body) const {
  Json declarations = Json::array();
  for (const auto& t : request_.tools) {
    // Tools of other kinds (web_search, server tools) widen what the model may
    // do, not what it is told: left out as in the Anthropic encoder.
    if (t.type != "function" || t.extra.contains("anthropic_tool")) continue;
    Json fn{{"name", t.name}};
    if (!t.description.empty()) fn["description"] = t.description;
    // Full JSON Schema ($schema, additionalProperties …) is accepted here,
    // unlike the OpenAPI subset of "parameters".
    if (detail::hasObjectSchema(t)) fn["parametersJsonSchema"] = detail::schemaNode(t);
    declarations.push_back(std::move(fn));
  }
  if (declarations.empty()) return;
  body["tools"] = Json::array({Json{{"functionDeclarations", std::move(declarations)}}});
  const Json& c = request_.toolChoice;
  Json config;
  if (c == "auto") config = {{"mode", "AUTO"}};
  else if (c == "none") config = {{"mode", "NONE"}};
  else if (c == "required" || c == "any") config = {{"mode", "ANY"}};
  else if (c.is_object() && c.contains("name") && c["name"].is_string())
    config = {{"mode", "ANY"}, {"allowedFunctionNames", Json::array({c["name"]})}};
  if (!config.is_null()) body["toolConfig"] = Json{{"functionCallingConfig", std::move(config)}};
}

void Encoder::encodeGenerationConfig(Json& body) const {
  Json g = Json::object();
  if (request_.maxTokens) g["maxOutputTokens"] = *request_.maxTokens;
  if (request_.temperature) g["temperature"] = *request_.temperature;
  if (request_.topP) g["topP"] = *request_.topP;
  if (!request_.stop.empty()) g["stopSequences"] = request_.stop;
  const Json& extra = request_.extra;
  if (auto k = extra.find("top_k"); k != extra.end() && k->is_number_integer()) g["topK"] = *k;
  if (auto s = extra.find("seed"); s != extra.end() && s->is_number_integer()) g["seed"] = *s;
  if (auto rf = extra.find("response_format"); rf != extra.end() && rf->is_object()) {
    std::string type = rf->value("type", std::string());
    if (type == "json_object") g["responseMimeType"] = "application/json";
    if (type == "json_schema" && rf->contains("json_schema") && (*rf)["json_schema"].is_object() &&
        (*rf)["json_schema"].contains("schema")) {
      g["responseMimeType"] = "application/json";
      g["responseJsonSchema"] = (*rf)["json_schema"]["schema"];
    }
  }
  // Anthropic thinking → thinkingConfig (thoughts shown as reasoning).
  if (auto t = extra.find("thinking"); t != extra.end() && t->is_object()) {
    std::string type = t->value("type", std::string());
    if (type == "disabled") {
      g["thinkingConfig"] = {{"includeThoughts", false}};
    } else {
      Json config{{"includeThoughts", true}};
      if (auto budget = t->find("budget_tokens"); budget != t->end() && budget->is_number_integer())
        config["thinkingBudget"] = *budget;
      g["thinkingConfig"] = std::move(config);
    }
  } else if (auto effort = extra.find("reasoning_effort"); effort != extra.end() && effort->is_string()) {
    g["thinkingConfig"] = {{"includeThoughts", *effort != "none" && *effort != "minimal"}};
  }
  if (!g.empty()) body["generationConfig"] = std::move(g);
}

Result<std::string> Encoder::run() {
  if (auto s = detail::requireOneChoice(request_, kTarget); !s) return s;
  Json body = Json::object();
  Json system = Json::array();
  Json contents = Json::array();
  for (std::size_t i = 0; i < request_.messages.size(); ++i) {
    const Message& m = request_.messages[i];
    const std::string field = "messages[" + std::to_string(i) + "]";
    Json parts = Json::array();
    for (std::size_t j = 0; j < m.content.size(); ++j)
      if (auto s = encodePart(m.content[j], field + ".content[" + std::to_string(j) + "]", parts); !s) return s;
    if (m.role == Role::kSystem || m.role == Role::kDeveloper) {
      for (auto& p : parts) system.push_back(std::move(p));
      continue;
    }
    append(m.role == Role::kAssistant ? "model" : "user", std::move(parts), contents);
  }
  if (!system.empty()) body["systemInstruction"] = Json{{"parts", std::move(system)}};
  body["contents"] = std::move(contents);
  encodeTools(body);
  encodeGenerationConfig(body);
  return detail::dumpJson(body, detail::estimatedBodySize(request_));
}

}  // namespace

Result<std::string> encodeRequest(const ChatRequest& request) {
  try {
    return Encoder(request).run();
  } catch (const Json::exception& e) {
    return Status(StatusCode::kInternal, std::string("encode gemini request: ") + e.what());
  }
}

}  // namespace gateos::sdk::codec::gemini
