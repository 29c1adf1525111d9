#include "core/packages/admin_client.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <sstream>

namespace gateos::kernel::core::packages {

using sdk::Status;
using sdk::StatusCode;

sdk::Result<PackageReply> callAdmin(const std::string& baseUrl, const std::string& adminToken,
                                    const std::string& method, const std::string& path, const sdk::Json& body,
                                    std::chrono::seconds timeout) {
  const std::string context = "kernel at " + baseUrl;
  try {
    Poco::URI uri(baseUrl);
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    session.setTimeout(Poco::Timespan(static_cast<long>(timeout.count()), 0));
    Poco::Net::HTTPRequest request(method, "/admin/api/v1" + path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Authorization", "Bearer " + adminToken);
    std::string payload = body.is_null() ? std::string() : body.dump();
    if (!payload.empty()) request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(payload.size()));
    session.sendRequest(request) << payload;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::string text;
    Poco::StreamCopier::copyToString(in, text);
    PackageReply reply;
    reply.status = static_cast<int>(response.getStatus());
    if (!text.empty()) {
      reply.body = sdk::Json::parse(text, nullptr, false);
      if (reply.body.is_discarded())
        return Status(StatusCode::kUpstreamError, context + ": answered HTTP " + std::to_string(reply.status) +
                                                      " with a body that is not JSON");
    }
    return reply;
  } catch (const Poco::TimeoutException&) {
    return Status(StatusCode::kDeadlineExceeded, context + ": timed out");
  } catch (const Poco::Exception& e) {
    return Status(StatusCode::kUnavailable, context + ": " + e.displayText());
  } catch (const std::exception& e) {
    return Status(StatusCode::kUnavailable, context + ": " + e.what());
  }
}

}  // namespace gateos::kernel::core::packages
