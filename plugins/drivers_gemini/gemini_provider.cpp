#include "gemini_provider.h"

#include <cctype>

#include "gateos/sdk/codec/gemini.h"

namespace gateos::plugins::drivers::gemini {

namespace codec = sdk::codec::gemini;
using GeminiDecoder = sdk::http_driver::CodecResponseDecoder<codec::StreamDecoder, codec::decodeResponse>;

namespace {
// Model ids go into the URL path: letters, digits and . _ - only (a "models/"
// prefix as Google writes them is accepted and dropped).
bool validModelId(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') return false;
  return true;
}
}  // namespace

GeminiProvider::GeminiProvider(sdk::Host& host, std::string name, std::string credential, GeminiOptions options)
    : HttpProvider(host, std::move(name), std::move(credential), std::move(options)) {}

void GeminiProvider::authorize(sdk::HttpRequest& request) const {
  if (!credential_.empty()) request.headers.set("x-goog-api-key", credential_);
}

GeminiProvider::ModelListing GeminiProvider::modelListing() const {
  return {"/v1beta/models?pageSize=1000", codec::parseModelList, codec::statusFromUpstreamError};
}

sdk::ModelInfo GeminiProvider::configuredModel(const std::string& id) const {
  sdk::ModelInfo info;
  info.id = id;
  info.ownedBy = "google";
  return info;
}

std::unique_ptr<sdk::UpstreamCallHandle> GeminiProvider::send(const sdk::UpstreamCall& call,
                                                              std::shared_ptr<sdk::ResponseSink> sink) noexcept {
  try {
    if (!checkCall(call, sink)) return nullptr;
    if (call.operation != "chat" || call.passthrough || call.request == nullptr)
      return reject(sink, sdk::Status(sdk::StatusCode::kUnimplemented,
                                      "provider " + name_ + ": operation \"" + std::string(call.operation) +
                                          "\" is not supported by drivers.gemini"));
    std::string_view model = call.upstreamModel;
    if (model.starts_with("models/")) model.remove_prefix(7);
    if (!validModelId(model))
      return reject(sink, sdk::Status(sdk::StatusCode::kInvalidArgument,
                                      "provider " + name_ + ": invalid Gemini model name \"" + std::string(model) + "\"")
                              .withReason("invalid_value"));
    auto body = codec::encodeRequest(*call.request);
    if (!body) return reject(sink, body.status());
    const bool stream = call.request->stream;
    std::string path = "/v1beta/models/" + std::string(model) +
                       (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    sdk::HttpRequest request = makeRequest("POST", path);
    request.headers.set("content-type", "application/json");
    request.headers.set("accept", stream ? "text/event-stream" : "application/json");
    request.body = std::move(body.value());
    return startCall(call, std::move(request), std::move(sink), GeminiDecoder::factory(),
                     codec::statusFromUpstreamError);
  } catch (const std::exception& e) {
    return reject(sink, internalError(e.what()));
  }
}

}  // namespace gateos::plugins::drivers::gemini
