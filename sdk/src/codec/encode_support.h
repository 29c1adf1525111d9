#pragma once
// Helpers for encoders of wire formats that carry less than canonical (Gemini,
// Ollama): refusing content they cannot express, tool-call arguments as a JSON
// object, images as inline base64, tool names of earlier calls. Errors name the
// field and the target ("… cannot be sent to an Ollama model"), HTTP 400.

#include <string>
#include <string_view>
#include <unordered_map>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::detail {

inline Status untranslatable(const std::string& field, std::string_view what, std::string_view target) {
  return Status(StatusCode::kUnimplemented, field + ": " + std::string(what) + " cannot be sent to " + std::string(target))
      .withReason("untranslatable_content")
      .withHttpStatus(400);  // a client error: SDKs retry a 5xx, which cannot help here
}

// An error for a kText block that carries another dialect's raw part (OpenAI
// input_audio / file, Anthropic document …), else OK.
inline Status checkForeignBlock(const ContentBlock& b, const std::string& field, std::string_view target) {
  if (b.type != ContentBlock::Type::kText) return {};
  for (const char* key : {"openai_part", "anthropic_block"}) {
    auto raw = b.extra.find(key);
    if (raw == b.extra.end()) continue;
    std::string type = raw->is_object() ? raw->value("type", std::string("unknown")) : "unknown";
    return untranslatable(field, "content of type \"" + type + "\"", target);
  }
  return {};
}

// Chat Completions' n > 1 (several answers to one request), for targets that
// give one answer: refused rather than answered once.
inline Status requireOneChoice(const ChatRequest& request, std::string_view target) {
  if (!request.extra.is_object()) return {};
  auto n = request.extra.find("n");
  if (n != request.extra.end() && n->is_number_integer() && n->get<int64_t>() > 1)
    return untranslatable("n", "more than one choice per request", target).withParam("n");
  return {};
}

// The tool call's arguments as a JSON object ({} when empty).
inline Result<Json> argumentsObject(const ContentBlock& b, const std::string& field) {
  if (b.arguments.empty()) return Json::object();
  Json args = Json::parse(b.arguments, nullptr, false);
  if (args.is_discarded() || !args.is_object())
    return Status(StatusCode::kInvalidArgument, field + ": arguments of tool call \"" + b.toolName + "\" are not a JSON object")
        .withReason("invalid_tool_arguments");
  return args;
}

struct InlineImage {
  std::string mediaType;
  std::string data;  // base64
};

// A kImage block as base64 (its data, or a base64 data: URL); http(s) URLs are
// refused (the target cannot fetch them).
inline Result<InlineImage> inlineImage(const ContentBlock& b, const std::string& field, std::string_view target) {
  if (!b.data.empty()) return InlineImage{b.mediaType.empty() ? "image/png" : b.mediaType, b.data};
  if (b.url.starts_with("data:")) {
    auto comma = b.url.find(',');
    auto semi = b.url.find(";base64");
    if (comma == std::string::npos || semi == std::string::npos || semi > comma)
      return Status(StatusCode::kInvalidArgument, field + ": only base64 data: URLs are supported").withReason("invalid_value");
    return InlineImage{b.url.substr(5, semi - 5), b.url.substr(comma + 1)};
  }
  return untranslatable(field, "an image URL (send the image as base64)", target);
}

// Tool names by call id, from the assistant tool calls of the history.
inline std::unordered_map<std::string, std::string> toolNamesById(const ChatRequest& request) {
  std::unordered_map<std::string, std::string> names;
  for (const auto& m : request.messages)
    for (const auto& b : m.content)
      if (b.type == ContentBlock::Type::kToolCall && !b.toolCallId.empty()) names[b.toolCallId] = b.toolName;
  return names;
}

}  // namespace gateos::sdk::codec::detail
