// Usage objects and the check for Responses-only features.
#include "gateos/sdk/codec/openai_responses.h"

namespace gateos::sdk::codec::openai_responses {
namespace {

int64_t intField(const Json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_number() ? it->get<int64_t>() : 0;
}

Status untranslatable(std::string_view feature, std::string_view targetApi, std::string_view hint) {
  std::string message = std::string(feature) + " cannot be served by a model behind the " + std::string(targetApi);
  if (!hint.empty()) message.append(": ").append(hint);
  return Status(StatusCode::kUnimplemented, std::move(message))
      .withReason("unsupported_feature")
      .withParam(std::string(feature))
      .withHttpStatus(400);  // a client error: SDKs retry a 5xx, which cannot help here
}

// Anthropic's and OpenAI's rule for function names: ^[a-zA-Z0-9_-]{1,64}$.
bool validFunctionName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

}  // namespace

Usage usageFromJson(const Json& u) {
  Usage usage;
  if (!u.is_object()) return usage;
  usage.inputTokens = intField(u, "input_tokens");
  usage.outputTokens = intField(u, "output_tokens");
  if (auto d = u.find("input_tokens_details"); d != u.end() && d->is_object())
    usage.cacheReadTokens = intField(*d, "cached_tokens");
  if (auto d = u.find("output_tokens_details"); d != u.end() && d->is_object())
    usage.reasoningTokens = intField(*d, "reasoning_tokens");
  return usage;
}

void appendUsageJson(std::string& out, const Usage& usage) {
  out += R"({"input_tokens":)";
  out += std::to_string(usage.inputTokens);
  out += R"(,"input_tokens_details":{"cached_tokens":)";
  out += std::to_string(usage.cacheReadTokens);
  out += R"(},"output_tokens":)";
  out += std::to_string(usage.outputTokens);
  out += R"(,"output_tokens_details":{"reasoning_tokens":)";
  out += std::to_string(usage.reasoningTokens);
  out += R"(},"total_tokens":)";
  out += std::to_string(usage.totalTokens());
  out += '}';
}

Status requireTranslatable(const ChatRequest& request, std::string_view targetApi) {
  const Json& extra = request.extra;
  if (extra.is_object()) {
    if (auto it = extra.find("previous_response_id"); it != extra.end() && !it->is_null())
      return untranslatable("previous_response_id", targetApi,
                            "GateOS keeps no responses; send the whole conversation in input (store: false)");
    if (auto it = extra.find("conversation"); it != extra.end() && !it->is_null())
      return untranslatable("conversation", targetApi, "send the whole conversation in input");
    if (auto it = extra.find("prompt"); it != extra.end() && it->is_object())
      return untranslatable("prompt", targetApi, "stored prompt templates live at OpenAI");
    if (auto it = extra.find("background"); it != extra.end() && *it == true)
      return untranslatable("background", targetApi, "");
  }
  const Json& choice = request.toolChoice;
  if (choice.is_object() && !choice.contains("name") && choice.contains("type") && choice["type"].is_string()) {
    const auto& type = choice["type"].get_ref<const std::string&>();
    if (type != "function" && type != "auto" && type != "none" && type != "required")
      return untranslatable("tool_choice " + type, targetApi, "built-in tools exist only at OpenAI");
  }
  // The flattened names of namespace tools must be names the target accepts.
  if (auto names = extra.find(std::string(kClientToolNames)); extra.is_object() && names != extra.end() && names->is_object()) {
    for (auto it = names->begin(); it != names->end(); ++it) {
      if (validFunctionName(it.key()) || !it.value().contains("namespace")) continue;
      std::string tool = it.value().value("namespace", std::string()) + "." + it.value().value("name", std::string());
      return Status(StatusCode::kInvalidArgument,
                    "tools: the function \"" + tool + "\" of a namespace would be called \"" + it.key() +
                        "\" by a model behind the " + std::string(targetApi) +
                        ", which allows only letters, digits, _ and -, at most 64 characters")
          .withReason("untranslatable_content")
          .withParam("tools")
          .withHttpStatus(400);
    }
  }
  return {};
}

std::string namespacedToolName(std::string_view ns, std::string_view name) {
  std::string out(ns);
  if (!ns.ends_with("__")) out += "__";
  out += name;
  return out;
}

}  // namespace gateos::sdk::codec::openai_responses
