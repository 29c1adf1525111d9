#pragma once
// Encodes canonical events as a Chat Completions SSE stream for a client:
//   data: {"id","object":"chat.completion.chunk","created","model","choices":[{"index":0,"delta":{…},"logprobs":null,"finish_reason":…}]}\n\n
// The first chunk carries delta.role "assistant"; text → delta.content;
// reasoning → delta.reasoning_content; tool calls →
// delta.tool_calls[{index,id,type:"function",function:{name,arguments}}] with
// OpenAI tool indexes 0,1,… in order of appearance; kFinish → finish_reason.
// finish() appends, when include_usage was asked, the final chunk with
// "choices": [] and usage, then "data: [DONE]\n\n".
// One encoder per response, used on the request's executor; never throws
// (except bad_alloc).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::openai_chat {

class ChunkEncoder {
 public:
  // `model` is the name the client asked for (shown in every chunk; kStart's
  // model is used only if this is empty). `created` is unix seconds; 0 = now.
  explicit ChunkEncoder(std::string model = {}, bool includeUsage = false, std::int64_t created = 0);

  // Appends the frames for `event` to `out` (nothing for kBlockStop / kUsage).
  void onEvent(const StreamEvent& event, std::string& out);

  // Appends the usage chunk (if asked) and "data: [DONE]\n\n". Call once.
  void finish(std::string& out);

  // Appends an in-stream error frame: data: {"error":{…}}\n\n.
  void streamError(const Status& status, std::string& out);

 private:
  void ensurePrefix(std::string_view id, std::string_view model);
  void beginChunk(std::string& out);
  void endChunk(std::string& out, std::string_view finishReason);
  void ensureRole(std::string& out);

  std::string model_;
  bool includeUsage_;
  std::int64_t created_;
  std::string prefix_;  // 'data: {"id":…,"choices":[{"index":0,"delta":' built once
  bool roleSent_ = false;
  bool finishSent_ = false;
  Usage usage_;
  bool hasUsage_ = false;
  std::map<int, int> toolIndex_;  // canonical block index -> OpenAI tool index
};

}  // namespace gateos::sdk::codec::openai_chat
