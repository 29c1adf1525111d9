#include "gateos/sdk/http_driver/model_list_call.h"

namespace gateos::sdk::http_driver {

void ModelListCall::onHeaders(int status, const Headers& headers) noexcept {
  status_ = status;
  try {
    headers_ = headers;
  } catch (...) {
  }
}

void ModelListCall::onBody(std::string_view chunk) noexcept {
  try {
    if (body_.size() + chunk.size() <= kMaxBody) body_.append(chunk);
  } catch (...) {
  }
}

void ModelListCall::onComplete(const Status& status) noexcept {
  try {
    const std::string context = "discover models of " + name_;
    if (!status.isOk() && status_ == 0) return done_(status.prefixed(context));
    if (status_ < 200 || status_ >= 300) return done_(errors_(status_, body_, headers_).prefixed(context));
    if (!status.isOk()) return done_(status.prefixed(context));
    auto models = parse_(body_);
    if (!models) return done_(models.status().prefixed(context));
    done_(std::move(models.value()));
  } catch (...) {
  }
}

}  // namespace gateos::sdk::http_driver
