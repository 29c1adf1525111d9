#pragma once
// Base class of a provider reached over HTTP: keeps the host, name, credential
// and the shared options (provider_options.h), builds requests to
// <base_url><path> with the option headers and timeouts, starts a call whose
// answer an HttpDriverCall decodes, and lists configured or discovered models.
// A driver derives from it and supplies its wire format:
//   authorize()    the provider key (and fixed headers such as a version),
//   modelListing() where and how the provider lists its models,
//   send()         which path and body a call gets, then startCall().
// Immutable after construction; send() may run concurrently on several loops.

#include <memory>
#include <string>
#include <vector>

#include "gateos/sdk/driver.h"
#include "gateos/sdk/host.h"
#include "gateos/sdk/http_driver/http_call.h"
#include "gateos/sdk/http_driver/model_list_call.h"
#include "gateos/sdk/http_driver/provider_options.h"

namespace gateos::sdk::http_driver {

class HttpProvider : public Provider {
 public:
  HttpProvider(Host& host, std::string name, std::string credential, HttpProviderOptions common);

  std::vector<ModelInfo> configuredModels() const override;
  // Configured models, or (discover_models) the provider's list.
  void discoverModels(Executor& executor, std::function<void(Result<std::vector<ModelInfo>>)> done) noexcept override;

  const HttpProviderOptions& common() const noexcept { return common_; }
  const std::string& name() const noexcept { return name_; }

 protected:
  struct ModelListing {
    std::string path;  // appended to base_url, with its query
    ModelListParser parse = nullptr;
    ErrorMapper errors = nullptr;
  };

  // Adds the credential (never logged) and the dialect's fixed headers; runs
  // after the option headers, so the provider key wins over a same-named one.
  virtual void authorize(HttpRequest& request) const = 0;
  virtual ModelListing modelListing() const = 0;
  // A configured model as listed (drivers may add ownedBy).
  virtual ModelInfo configuredModel(const std::string& id) const;

  // A request to <base_url><path> with option headers, credential and timeouts.
  HttpRequest makeRequest(std::string method, std::string_view path) const;

  // Sends `request`; its answer feeds `sink` through an HttpDriverCall.
  std::unique_ptr<UpstreamCallHandle> startCall(const UpstreamCall& call, HttpRequest request,
                                                std::shared_ptr<ResponseSink> sink, DecoderFactory decoders,
                                                ErrorMapper errors) const;

  // Ends the call before anything was sent: onComplete(status), returns null.
  std::unique_ptr<UpstreamCallHandle> reject(const std::shared_ptr<ResponseSink>& sink, Status status) const noexcept;

  // Checks the call carries a context with an executor (and a canonical request
  // unless it is a pass-through); rejects it otherwise. True when usable.
  bool checkCall(const UpstreamCall& call, const std::shared_ptr<ResponseSink>& sink) const noexcept;

  // "provider <name>: <what>" with kInternal, for an exception escaping send().
  Status internalError(const char* what) const;

  Host& host_;
  std::string name_;
  std::string credential_;  // never logged
  HttpProviderOptions common_;
};

}  // namespace gateos::sdk::http_driver
