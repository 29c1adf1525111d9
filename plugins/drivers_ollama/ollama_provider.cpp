#include "ollama_provider.h"

#include "gateos/sdk/codec/ollama_decode_response.h"
#include "gateos/sdk/codec/ollama_encode_request.h"

namespace gateos::plugins::drivers::ollama {

namespace codec = sdk::codec::ollama;
using ChatDecoder = sdk::http_driver::CodecResponseDecoder<codec::StreamDecoder, codec::decodeResponse>;

OllamaProvider::OllamaProvider(sdk::Host& host, std::string name, std::string credential, OllamaOptions options)
    : HttpProvider(host, std::move(name), std::move(credential), options), options_(std::move(options)) {}

void OllamaProvider::authorize(sdk::HttpRequest& request) const {
  if (!credential_.empty()) request.headers.set("Authorization", "Bearer " + credential_);
}

OllamaProvider::ModelListing OllamaProvider::modelListing() const {
  return {std::string(codec::kTagsPath), parseTags, codec::statusFromUpstreamError};
}

std::unique_ptr<sdk::UpstreamCallHandle> OllamaProvider::send(const sdk::UpstreamCall& call,
                                                              std::shared_ptr<sdk::ResponseSink> sink) noexcept {
  try {
    if (!checkCall(call, sink)) return nullptr;
    if (call.operation != "chat")
      return reject(sink, sdk::Status(sdk::StatusCode::kUnimplemented,
                                      "provider " + name_ + ": operation \"" + std::string(call.operation) +
                                          "\" is not supported by drivers.ollama"));
    // A client's body goes to the path it used (/api/chat and /api/generate
    // bodies differ); a translated request is always a chat.
    const bool generate = call.passthrough && call.context->path == codec::kGeneratePath;
    sdk::HttpRequest request = makeRequest("POST", generate ? codec::kGeneratePath : codec::kChatPath);
    request.headers.set("content-type", "application/json");
    if (call.passthrough) {
      request.body.assign(call.body);
    } else {
      codec::EncodeOptions options;
      options.defaultOptions = options_.modelOptions;
      options.keepAlive = options_.keepAlive;
      auto body = codec::encodeRequest(*call.request, call.upstreamModel, options);
      if (!body) return reject(sink, body.status());
      request.body = std::move(body.value());
      request.headers.set("accept", call.request->stream ? std::string(codec::kNdjsonContentType) : "application/json");
    }
    return startCall(call, std::move(request), std::move(sink), ChatDecoder::factory(),
                     codec::statusFromUpstreamError);
  } catch (const std::exception& e) {
    return reject(sink, internalError(e.what()));
  }
}

sdk::Result<std::vector<sdk::ModelInfo>> parseTags(std::string_view body) {
  auto root = sdk::Json::parse(body, nullptr, false);
  if (root.is_discarded() || !root.is_object() || !root.contains("models") || !root["models"].is_array())
    return sdk::Status(sdk::StatusCode::kUpstreamError, "model list: expected {\"models\": [...]}");
  std::vector<sdk::ModelInfo> out;
  for (const auto& m : root["models"]) {
    if (!m.is_object()) continue;
    auto name = m.find("name");
    if (name == m.end() || !name->is_string()) name = m.find("model");
    if (name == m.end() || !name->is_string()) continue;
    sdk::ModelInfo info;
    info.id = name->get<std::string>();
    info.ownedBy = "ollama";
    for (const char* key : {"details", "size", "modified_at"})
      if (auto v = m.find(key); v != m.end()) info.extra[key] = *v;
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace gateos::plugins::drivers::ollama
