// encodeRequest: canonical ChatRequest -> upstream Chat Completions body.
#include "gateos/sdk/codec/openai_chat.h"

namespace gateos::sdk::codec::openai_chat {
namespace {

void mergeInto(Json& target, const Json& extra) {
  if (!extra.is_object()) return;
  for (auto it = extra.begin(); it != extra.end(); ++it)
    if (!target.contains(it.key())) target[it.key()] = it.value();
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

Json encodeTool(const ToolDefinition& t) {
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
  fn["parameters"] = t.parameters.is_null() ? Json::object() : t.parameters;
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

}  // namespace

std::string encodeRequest(const ChatRequest& request, std::string_view upstreamModel) {
  Json body = Json::object();
  body["model"] = std::string(upstreamModel.empty() ? std::string_view(request.model) : upstreamModel);
  Json messages = Json::array();
  for (const auto& m : request.messages) encodeMessage(m, messages);
  body["messages"] = std::move(messages);
  if (!request.tools.empty()) {
    Json tools = Json::array();
    for (const auto& t : request.tools) tools.push_back(encodeTool(t));
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
      if (!body.contains(it.key())) body[it.key()] = it.value();
    }
  }
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace gateos::sdk::codec::openai_chat
