#pragma once
// The canonical request and event model that sits between inbound dialects
// (adapters) and provider wire formats (drivers). Typed where the pipeline needs
// to reason about a field; everything else rides along in `extra` so that nothing
// a client sends is silently dropped when dialects match.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/json.h"

namespace gateos::sdk {

enum class Role { kSystem, kDeveloper, kUser, kAssistant, kTool };

constexpr std::string_view toString(Role role) noexcept {
  switch (role) {
    case Role::kSystem: return "system";
    case Role::kDeveloper: return "developer";
    case Role::kUser: return "user";
    case Role::kAssistant: return "assistant";
    case Role::kTool: return "tool";
  }
  return "user";
}

struct ContentBlock {
  enum class Type {
    kText,        // text
    kImage,       // url (http(s) or data:) or base64 data + mediaType
    kToolCall,    // assistant asks for a tool: toolCallId, toolName, arguments (JSON text)
    kToolResult,  // result of a tool: toolCallId, text (and isError)
    kReasoning,   // model reasoning / thinking: text, signature in extra
  };
  Type type = Type::kText;
  std::string text;        // kText, kReasoning, kToolResult
  std::string url;         // kImage: http(s) URL or data: URL
  std::string data;        // kImage: base64 payload when not a URL
  std::string mediaType;   // kImage
  std::string toolCallId;  // kToolCall, kToolResult
  std::string toolName;    // kToolCall
  std::string arguments;   // kToolCall: JSON text exactly as the model produced it
  bool isError = false;    // kToolResult
  Json extra = Json::object();  // unmodelled fields (cache_control, signature ...)

  static ContentBlock makeText(std::string text) {
    ContentBlock b;
    b.text = std::move(text);
    return b;
  }
};

struct Message {
  Role role = Role::kUser;
  std::vector<ContentBlock> content;
  std::string name;             // optional participant name
  Json extra = Json::object();  // unmodelled fields

  // Concatenated text of the kText blocks.
  std::string text() const {
    std::string out;
    for (const auto& b : content)
      if (b.type == ContentBlock::Type::kText) out += b.text;
    return out;
  }
};

struct ToolDefinition {
  std::string type = "function";  // other tool types pass through unmodelled in extra
  std::string name;
  std::string description;
  Json parameters = Json::object();  // JSON Schema (when parametersJson is empty)
  Json extra = Json::object();
  // The JSON Schema as compact JSON text, as the request decoders keep it: a
  // coding agent's schemas are most of its request and translation only copies
  // them, so they are never parsed into a tree. When set, this is the schema
  // and `parameters` is left empty: read the schema with schema(); to replace
  // it, clear this and set `parameters`.
  std::string parametersJson;

  Json schema() const { return parametersJson.empty() ? parameters : Json::parse(parametersJson); }
};

struct Usage {
  int64_t inputTokens = 0;
  int64_t outputTokens = 0;
  int64_t cacheReadTokens = 0;
  int64_t cacheWriteTokens = 0;
  int64_t reasoningTokens = 0;
  int64_t totalTokens() const noexcept { return inputTokens + outputTokens; }
};

enum class FinishReason { kNone, kStop, kLength, kToolCalls, kContentFilter, kError };

constexpr std::string_view toString(FinishReason reason) noexcept {
  switch (reason) {
    case FinishReason::kNone: return "";
    case FinishReason::kStop: return "stop";
    case FinishReason::kLength: return "length";
    case FinishReason::kToolCalls: return "tool_calls";
    case FinishReason::kContentFilter: return "content_filter";
    case FinishReason::kError: return "error";
  }
  return "";
}

// Keys of an `extra` object that start with "gateos." carry one dialect's own
// fields for a driver of the same dialect (e.g. "gateos.ollama": num_ctx,
// keep_alive): encoders of other dialects never forward them upstream.
constexpr bool isPrivateExtraKey(std::string_view key) noexcept { return key.starts_with("gateos."); }

struct ChatRequest {
  std::string model;  // as the client asked (before routing)
  std::vector<Message> messages;
  std::vector<ToolDefinition> tools;
  Json toolChoice;  // null when absent; dialect-neutral: "auto" | "none" | "required" | {name}
  std::optional<int64_t> maxTokens;
  std::optional<double> temperature;
  std::optional<double> topP;
  std::vector<std::string> stop;
  bool stream = false;
  bool includeUsage = false;    // client asked for usage on streams
  Json extra = Json::object();  // unknown top-level fields, forwarded when dialects match

  // Text of the last user message (empty if none).
  std::string lastUserText() const {
    for (auto it = messages.rbegin(); it != messages.rend(); ++it)
      if (it->role == Role::kUser) return it->text();
    return {};
  }
};

// One step of a model's answer. Drivers emit these; stages transform them;
// adapters encode them in the client's dialect. Views are valid only for the
// duration of the call that passes the event; copy what you keep.
struct StreamEvent {
  enum class Type {
    kStart,           // answer begins: id, model
    kTextDelta,       // text for content block `index`
    kReasoningDelta,  // reasoning text for block `index`
    kToolCallStart,   // new tool call at `index`: id, name
    kToolCallDelta,   // argument JSON piece for tool call `index`
    kBlockStop,       // block `index` complete
    kUsage,           // token usage (may come more than once; last wins)
    kFinish,          // finishReason; no events follow
  };
  Type type = Type::kTextDelta;
  int index = 0;
  std::string_view id;    // kStart: response id; kToolCallStart: call id
  std::string_view name;  // kToolCallStart: tool name; kStart: model
  std::string_view text;  // deltas
  Usage usage;            // kUsage
  FinishReason finishReason = FinishReason::kNone;  // kFinish
};

// A whole (non-streaming) answer, built from events by ResponseAccumulator.
struct ChatResponse {
  std::string id;
  std::string model;
  std::vector<ContentBlock> content;  // text, reasoning and tool calls in order
  FinishReason finishReason = FinishReason::kNone;
  Usage usage;
  bool hasUsage = false;
};

}  // namespace gateos::sdk
