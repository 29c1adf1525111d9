#include "openai_provider.h"

#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/codec/openai_embeddings.h"
#include "gateos/sdk/codec/openai_responses.h"
#include "openai_embedding_call.h"
#include "openai_models.h"

namespace gateos::plugins::drivers::openai {

namespace chat = sdk::codec::openai_chat;
namespace responses = sdk::codec::openai_responses;
using ChatDecoder = sdk::http_driver::CodecResponseDecoder<chat::StreamDecoder, chat::decodeResponse>;
using ResponsesDecoder = sdk::http_driver::CodecResponseDecoder<responses::StreamDecoder, responses::decodeResponse>;

OpenAiProvider::OpenAiProvider(sdk::Host& host, std::string name, std::string credential, OpenAiOptions options)
    : HttpProvider(host, std::move(name), std::move(credential), options), options_(std::move(options)) {}

void OpenAiProvider::authorize(sdk::HttpRequest& request) const {
  if (!options_.organization.empty()) request.headers.set("OpenAI-Organization", options_.organization);
  if (!credential_.empty()) request.headers.set("Authorization", "Bearer " + credential_);
}

OpenAiProvider::ModelListing OpenAiProvider::modelListing() const {
  return {"/models", parseModelList, chat::statusFromUpstreamError};
}

std::unique_ptr<sdk::UpstreamCallHandle> OpenAiProvider::send(const sdk::UpstreamCall& call,
                                                             std::shared_ptr<sdk::ResponseSink> sink) noexcept {
  try {
    if (!checkCall(call, sink)) return nullptr;
    const bool useResponses = options_.api == OpenAiOptions::Api::kResponses;
    sdk::HttpRequest request = makeRequest("POST", useResponses ? "/responses" : "/chat/completions");
    request.headers.set("Content-Type", "application/json");
    if (call.passthrough) {
      request.body.assign(call.body);
    } else {
      const bool sameDialect = call.context->inboundDialect == wireDialect();
      auto body = useResponses ? responses::encodeRequest(*call.request, call.upstreamModel, {sameDialect})
                               : chat::encodeRequest(*call.request, call.upstreamModel, {sameDialect});
      if (!body) return reject(sink, body.status());
      request.body = std::move(body.value());
      request.headers.set("Accept", call.request->stream ? "text/event-stream" : "application/json");
    }
    // Nothing of the client's headers is forwarded: OpenAI-compatible APIs need
    // none, and the client's auth header must never reach the upstream.
    return startCall(call, std::move(request), std::move(sink),
                     useResponses ? ResponsesDecoder::factory() : ChatDecoder::factory(),
                     chat::statusFromUpstreamError);
  } catch (const std::exception& e) {
    return reject(sink, internalError(e.what()));
  }
}

std::unique_ptr<sdk::UpstreamCallHandle> OpenAiProvider::embed(const sdk::EmbeddingCall& call,
                                                              sdk::EmbeddingDone done) noexcept {
  std::shared_ptr<OpenAiEmbeddingHandler> handler;
  try {
    if (call.context == nullptr || call.context->executor == nullptr || call.request == nullptr) return nullptr;
    handler = std::make_shared<OpenAiEmbeddingHandler>(name_, std::move(done));
    sdk::HttpRequest request = makeRequest("POST", "/embeddings");
    request.headers.set("Content-Type", "application/json");
    request.headers.set("Accept", "application/json");
    // The client's encoding: base64 is a third of the bytes; the answer is
    // decoded to floats either way and re-encoded for the client.
    request.body = sdk::codec::openai_embeddings::encodeRequest(*call.request, call.upstreamModel, call.request->encoding);
    auto exchange = host_.http().send(*call.context->executor, std::move(request), handler);
    return std::make_unique<sdk::http_driver::HttpDriverCallHandle>(std::move(exchange));
  } catch (const std::exception& e) {
    // Answer once, so the request does not wait forever.
    if (handler) handler->onComplete(internalError(e.what()));
    return nullptr;
  }
}

}  // namespace gateos::plugins::drivers::openai
