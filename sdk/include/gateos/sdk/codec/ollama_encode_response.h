#pragma once
// Ollama inbound: canonical answers → what an Ollama client reads
// (adapters.ollama). Wire format and conventions in ollama_types.h.

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/adapter.h"
#include "gateos/sdk/canonical.h"
#include "gateos/sdk/codec/ollama_types.h"
#include "gateos/sdk/embedding.h"
#include "gateos/sdk/response_accumulator.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::ollama {

enum class Endpoint { kChat, kGenerate };

// Encodes one answer for /api/chat or /api/generate.
//   streaming: one NDJSON line per text / thinking delta ({model, created_at,
//     message{role, content, thinking?} | response, thinking?, done:false}),
//     one line per tool call once its arguments are complete (Ollama sends
//     calls whole, arguments as an object), and in finish() the done:true line
//     with done_reason, durations (ns) and the token counters.
//   not streaming: everything in one object in finish().
// One encoder per answer, used on the request's executor; never throws except
// std::bad_alloc.
class AnswerEncoder {
 public:
  // `model` is the name the client asked for (echoed in every line).
  AnswerEncoder(Endpoint endpoint, bool stream, std::string model);

  void onEvent(const StreamEvent& event, std::string& out);
  // The done line (streaming) or the whole body. Call once.
  void finish(std::string& out);
  // An in-stream error line: {"error":"…"}.
  void streamError(const Status& status, std::string& out);

 private:
  struct PendingCall {
    std::string id, name, arguments;
    bool sent = false;
  };
  void beginLine(std::string& out) const;
  void writeDelta(std::string& out, std::string_view text, bool thinking) const;
  void writeToolCall(std::string& out, const PendingCall& call, int index) const;
  void flushCalls(std::string& out);
  void writeTotals(std::string& out) const;

  Endpoint endpoint_;
  bool stream_;
  std::string model_;
  std::chrono::steady_clock::time_point started_;
  std::map<int, PendingCall> calls_;  // streaming: canonical index → call
  int callsSent_ = 0;
  Usage usage_;
  FinishReason finishReason_ = FinishReason::kNone;
  bool finished_ = false;
  ResponseAccumulator whole_;  // not streaming
};

// {"error":"<message>"}.
std::string errorBody(const Status& status);

// RFC 3339 UTC with nanoseconds, as Ollama writes created_at / modified_at.
std::string formatTimestamp(std::chrono::system_clock::time_point time);

// /api/embed: {"model","embeddings":[[…]],"total_duration","load_duration","prompt_eval_count"}.
std::string encodeEmbedResponse(const EmbeddingResponse& response, std::string_view model);
// /api/embeddings (legacy): {"embedding":[…]} (the first vector).
std::string encodeLegacyEmbeddingsResponse(const EmbeddingResponse& response);

// /api/tags: {"models":[{name, model, modified_at, size, digest, details{…}}]}
// in listing order; details.family is the provider name.
std::string encodeTags(const std::vector<ModelListing>& models);
// /api/show for one model: {modelfile, parameters, template, details,
// model_info, capabilities:["completion","tools"], modified_at}.
std::string encodeShow(const ModelListing& model);
// /api/version: {"version":"<kVersion>"}.
inline constexpr std::string_view kVersion = "0.12.0";
std::string encodeVersion();

}  // namespace gateos::sdk::codec::ollama
