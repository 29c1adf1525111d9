// StreamEncoder: canonical events -> Responses SSE frames, written by hand (no
// JSON DOM per delta).
#include "gateos/sdk/codec/openai_responses_stream_encoder.h"

#include "gateos/sdk/codec/openai_responses.h"
#include "json_fast.h"
#include "json_text.h"

namespace gateos::sdk::codec::openai_responses {

using detail::appendJsonString;
using ET = StreamEvent::Type;
using Kind = OutputItem::Kind;

namespace {

// A freeform tool's input: the "input" of the call's arguments ({"input": …}),
// or the arguments as they are when the model wrote something else.
std::string customInput(const std::string& arguments) {
  Json args = detail::parseJsonOrDiscarded(arguments);
  if (args.is_object())
    if (auto in = args.find("input"); in != args.end() && in->is_string()) return in->get<std::string>();
  return arguments;
}

}  // namespace

void OutputItem::nameCall(std::string_view upstreamName, const Json* clientNames) {
  name = std::string(upstreamName);
  if (!clientNames || !clientNames->is_object()) return;
  auto it = clientNames->find(name);
  if (it == clientNames->end() || !it->is_object()) return;
  if (auto c = it->find("custom"); c != it->end() && c->is_string()) {
    custom = true;
    name = c->get<std::string>();
  } else if (auto ns = it->find("namespace"); ns != it->end() && ns->is_string()) {
    this->ns = ns->get<std::string>();
    name = it->value("name", name);
  }
}

void appendOutputItem(std::string& out, const OutputItem& item) {
  std::string_view status = item.done ? "completed" : "in_progress";
  switch (item.kind) {
    case Kind::kMessage:
      out += R"({"id":)";
      appendJsonString(out, item.id);
      out += R"(,"type":"message","status":")";
      out += status;
      out += R"(","role":"assistant","content":)";
      if (!item.done) {
        out += "[]}";
        return;
      }
      out += R"([{"type":"output_text","annotations":[],"logprobs":[],"text":)";
      appendJsonString(out, item.text);
      out += "}]}";
      return;
    case Kind::kReasoning:
      out += R"({"id":)";
      appendJsonString(out, item.id);
      out += R"(,"type":"reasoning","summary":)";
      if (!item.done) {
        out += "[]}";
        return;
      }
      out += R"([{"type":"summary_text","text":)";
      appendJsonString(out, item.text);
      out += "}]}";
      return;
    case Kind::kFunctionCall:
      out += R"({"id":)";
      appendJsonString(out, item.id);
      if (item.custom) {
        out += R"(,"type":"custom_tool_call","status":")";
        out += status;
        out += R"(","input":)";
        appendJsonString(out, item.done ? customInput(item.text) : std::string());
      } else {
        out += R"(,"type":"function_call","status":")";
        out += status;
        out += R"(","arguments":)";
        appendJsonString(out, item.done ? std::string_view(item.text) : std::string_view());
      }
      out += R"(,"call_id":)";
      appendJsonString(out, item.callId);
      if (!item.ns.empty()) {
        out += R"(,"namespace":)";
        appendJsonString(out, item.ns);
      }
      out += R"(,"name":)";
      appendJsonString(out, item.name);
      out += '}';
      return;
  }
}

StreamEncoder::StreamEncoder(std::string model, std::int64_t createdAt)
    : model_(std::move(model)), createdAt_(createdAt == 0 ? detail::unixNow() : createdAt) {}

void StreamEncoder::beginFrame(std::string& out, std::string_view type) {
  out += "event: ";
  out += type;
  out += "\ndata: {\"type\":\"";
  out += type;
  out += "\",";
}

void StreamEncoder::endFrame(std::string& out) {
  out += R"(,"sequence_number":)";
  out += std::to_string(sequence_++);
  out += "}\n\n";
}

// "item_id":…,"output_index":n
void StreamEncoder::appendItemRef(std::string& out, int outputIndex) {
  out += R"("item_id":)";
  appendJsonString(out, items_[outputIndex].id);
  out += R"(,"output_index":)";
  out += std::to_string(outputIndex);
}

void StreamEncoder::appendResponse(std::string& out, std::string_view status, const Status* error) {
  out += R"({"id":)";
  appendJsonString(out, id_);
  out += R"(,"object":"response","created_at":)";
  out += std::to_string(createdAt_);
  out += R"(,"status":")";
  out += status;
  out += R"(","background":false,"error":)";
  if (error != nullptr) {
    out += R"({"code":)";
    appendJsonString(out, error->reason().empty() ? std::string_view("server_error") : std::string_view(error->reason()));
    out += R"(,"message":)";
    appendJsonString(out, error->message());
    out += '}';
  } else {
    out += "null";
  }
  out += R"(,"incomplete_details":)";
  if (status == "incomplete") {
    out += R"({"reason":")";
    out += finishReason_ == FinishReason::kContentFilter ? "content_filter" : "max_output_tokens";
    out += "\"}";
  } else {
    out += "null";
  }
  out += R"(,"instructions":null,"metadata":{},"model":)";
  appendJsonString(out, model_);
  out += R"(,"output":[)";
  if (status != "in_progress") {
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (i > 0) out += ',';
      appendOutputItem(out, items_[i]);
    }
  }
  out += R"(],"parallel_tool_calls":true,"tool_choice":"auto","tools":[],"usage":)";
  if (hasUsage_ && status != "in_progress") appendUsageJson(out, usage_);
  else out += "null";
  out += '}';
}

void StreamEncoder::ensureStarted(std::string& out) {
  if (started_) return;
  started_ = true;
  if (id_.empty()) id_ = "resp_gateos";
  for (std::string_view type : {"response.created", "response.in_progress"}) {
    beginFrame(out, type);
    out += R"("response":)";
    appendResponse(out, "in_progress", nullptr);
    endFrame(out);
  }
}

OutputItem& StreamEncoder::ensureItem(int index, Kind kind, std::string& out, std::string_view callId,
                                      std::string_view name) {
  ensureStarted(out);
  if (auto it = outputIndex_.find(index); it != outputIndex_.end() && !items_[it->second].done &&
                                          items_[it->second].kind == kind)
    return items_[it->second];
  // A new item (or a closed / other-kind index reused: it gets a new item).
  int outputIndex = static_cast<int>(items_.size());
  outputIndex_[index] = outputIndex;
  OutputItem item;
  item.kind = kind;
  std::string_view prefix = kind == Kind::kMessage ? "msg_" : kind == Kind::kReasoning ? "rs_" : "fc_";
  item.id.assign(prefix).append(id_.starts_with("resp_") ? std::string_view(id_).substr(5) : std::string_view(id_));
  item.id += '_';
  item.id += std::to_string(outputIndex);
  if (kind == Kind::kFunctionCall) {
    item.callId = callId.empty() ? "call_" + std::to_string(outputIndex) : std::string(callId);
    item.nameCall(name, clientNames_.is_null() ? nullptr : &clientNames_);
  }
  items_.push_back(std::move(item));
  beginFrame(out, "response.output_item.added");
  out += R"("output_index":)";
  out += std::to_string(outputIndex);
  out += R"(,"item":)";
  appendOutputItem(out, items_.back());
  endFrame(out);
  if (kind == Kind::kMessage) {
    beginFrame(out, "response.content_part.added");
    appendItemRef(out, outputIndex);
    out += R"(,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""})";
    endFrame(out);
  } else if (kind == Kind::kReasoning) {
    beginFrame(out, "response.reasoning_summary_part.added");
    appendItemRef(out, outputIndex);
    out += R"(,"summary_index":0,"part":{"type":"summary_text","text":""})";
    endFrame(out);
  }
  return items_.back();
}

void StreamEncoder::closeItem(int outputIndex, std::string& out) {
  OutputItem& item = items_[outputIndex];
  if (item.done) return;
  switch (item.kind) {
    case Kind::kMessage:
      beginFrame(out, "response.output_text.done");
      appendItemRef(out, outputIndex);
      out += R"(,"content_index":0,"text":)";
      appendJsonString(out, item.text);
      out += R"(,"logprobs":[])";
      endFrame(out);
      beginFrame(out, "response.content_part.done");
      appendItemRef(out, outputIndex);
      out += R"(,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":)";
      appendJsonString(out, item.text);
      out += '}';
      endFrame(out);
      break;
    case Kind::kReasoning:
      beginFrame(out, "response.reasoning_summary_text.done");
      appendItemRef(out, outputIndex);
      out += R"(,"summary_index":0,"text":)";
      appendJsonString(out, item.text);
      endFrame(out);
      beginFrame(out, "response.reasoning_summary_part.done");
      appendItemRef(out, outputIndex);
      out += R"(,"summary_index":0,"part":{"type":"summary_text","text":)";
      appendJsonString(out, item.text);
      out += '}';
      endFrame(out);
      break;
    case Kind::kFunctionCall:
      if (item.custom) {  // the input is known only once the arguments are complete
        std::string input = customInput(item.text);
        beginFrame(out, "response.custom_tool_call_input.delta");
        appendItemRef(out, outputIndex);
        out += R"(,"delta":)";
        appendJsonString(out, input);
        endFrame(out);
        beginFrame(out, "response.custom_tool_call_input.done");
        appendItemRef(out, outputIndex);
        out += R"(,"input":)";
        appendJsonString(out, input);
        endFrame(out);
        break;
      }
      beginFrame(out, "response.function_call_arguments.done");
      appendItemRef(out, outputIndex);
      out += R"(,"name":)";
      appendJsonString(out, item.name);
      out += R"(,"arguments":)";
      appendJsonString(out, item.text);
      endFrame(out);
      break;
  }
  item.done = true;
  beginFrame(out, "response.output_item.done");
  out += R"("output_index":)";
  out += std::to_string(outputIndex);
  out += R"(,"item":)";
  appendOutputItem(out, item);
  endFrame(out);
}

void StreamEncoder::onEvent(const StreamEvent& e, std::string& out) {
  if (finished_) return;
  switch (e.type) {
    case ET::kStart:
      if (!started_) {
        if (!e.id.empty()) id_ = e.id.starts_with("resp_") ? std::string(e.id) : "resp_" + std::string(e.id);
        if (model_.empty()) model_ = std::string(e.name);
      }
      ensureStarted(out);
      return;
    case ET::kTextDelta: {
      if (e.text.empty()) return;
      OutputItem& item = ensureItem(e.index, Kind::kMessage, out);
      item.text.append(e.text);
      beginFrame(out, "response.output_text.delta");
      appendItemRef(out, outputIndex_[e.index]);
      out += R"(,"content_index":0,"delta":)";
      appendJsonString(out, e.text);
      out += R"(,"logprobs":[])";
      endFrame(out);
      return;
    }
    case ET::kReasoningDelta: {
      // Anthropic signatures / redacted thinking (name set) have no Responses form.
      if (e.text.empty() || !e.name.empty()) return;
      OutputItem& item = ensureItem(e.index, Kind::kReasoning, out);
      item.text.append(e.text);
      beginFrame(out, "response.reasoning_summary_text.delta");
      appendItemRef(out, outputIndex_[e.index]);
      out += R"(,"summary_index":0,"delta":)";
      appendJsonString(out, e.text);
      endFrame(out);
      return;
    }
    case ET::kToolCallStart:
      ensureItem(e.index, Kind::kFunctionCall, out, e.id, e.name);
      return;
    case ET::kToolCallDelta: {
      if (e.text.empty()) return;
      OutputItem& item = ensureItem(e.index, Kind::kFunctionCall, out);
      item.text.append(e.text);
      if (item.custom) return;  // written whole when the call is complete
      beginFrame(out, "response.function_call_arguments.delta");
      appendItemRef(out, outputIndex_[e.index]);
      out += R"(,"delta":)";
      appendJsonString(out, e.text);
      endFrame(out);
      return;
    }
    case ET::kBlockStop:
      if (auto it = outputIndex_.find(e.index); it != outputIndex_.end()) closeItem(it->second, out);
      return;
    case ET::kUsage:
      usage_ = e.usage;
      hasUsage_ = true;
      return;
    case ET::kFinish:
      // response.completed waits for finish(): text a stage releases at the
      // end of the answer still belongs in the output.
      finishReason_ = e.finishReason;
      return;
  }
}

void StreamEncoder::finish(std::string& out) {
  if (finished_) return;
  ensureStarted(out);
  for (std::size_t i = 0; i < items_.size(); ++i) closeItem(static_cast<int>(i), out);
  finished_ = true;
  bool incomplete = finishReason_ == FinishReason::kLength || finishReason_ == FinishReason::kContentFilter;
  std::string_view type = incomplete ? "response.incomplete" : "response.completed";
  beginFrame(out, type);
  out += R"("response":)";
  appendResponse(out, incomplete ? "incomplete" : "completed", nullptr);
  endFrame(out);
}

void StreamEncoder::streamError(const Status& status, std::string& out) {
  if (finished_) return;
  ensureStarted(out);
  finished_ = true;
  beginFrame(out, "response.failed");
  out += R"("response":)";
  appendResponse(out, "failed", &status);
  endFrame(out);
  // The OpenAI SDKs raise on an "error" event; Codex reads response.failed.
  beginFrame(out, "error");
  out += R"("code":)";
  appendJsonString(out, status.reason().empty() ? std::string_view("server_error") : std::string_view(status.reason()));
  out += R"(,"message":)";
  appendJsonString(out, status.message());
  out += R"(,"param":null)";
  endFrame(out);
}

}  // namespace gateos::sdk::codec::openai_responses
