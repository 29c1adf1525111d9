#include "registry/http_get.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace gateos::registry {
namespace {

using sdk::Status;
using sdk::StatusCode;

Poco::Net::Context::Ptr tlsContext() {
  // Verifies the server certificate against the system CAs (and its host name).
  static Poco::Net::Context::Ptr context = [] {
    Poco::Net::initializeSSL();
    return Poco::Net::Context::Ptr(new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                                          Poco::Net::Context::VERIFY_RELAXED, 9,
                                                          /*loadDefaultCAs=*/true));
  }();
  return context;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::unique_ptr<Poco::Net::HTTPClientSession> openSession(const Poco::URI& uri) {
  if (uri.getScheme() == "https")
    return std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), tlsContext());
  return std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
}

}  // namespace

sdk::Status httpGet(const std::string& url, std::ostream& out, const HttpGetOptions& options,
                    std::uint64_t& received) {
  received = 0;
  try {
    Poco::URI uri(url);
    for (int redirects = 0;; ++redirects) {
      if (uri.getScheme() != "http" && uri.getScheme() != "https")
        return Status(StatusCode::kInvalidArgument, "unsupported URL scheme '" + uri.getScheme() + "'");
      auto session = openSession(uri);
      const Poco::Timespan timeout(std::chrono::duration_cast<std::chrono::microseconds>(options.timeout).count());
      session->setTimeout(timeout, timeout, timeout);
      Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET,
                                     uri.getPathAndQuery().empty() ? "/" : uri.getPathAndQuery(),
                                     Poco::Net::HTTPMessage::HTTP_1_1);
      request.set("User-Agent", "gateos-registry/" GATEOS_VERSION);
      session->sendRequest(request);
      Poco::Net::HTTPResponse response;
      std::istream& body = session->receiveResponse(response);
      const int status = response.getStatus();
      if (status >= 300 && status < 400 && response.has("Location")) {
        if (redirects >= options.maxRedirects) return Status(StatusCode::kUnavailable, "too many redirects");
        uri.resolve(response.get("Location"));
        continue;
      }
      if (status != 200) {
        return Status(status == 404 ? StatusCode::kNotFound : StatusCode::kUnavailable,
                      "HTTP " + std::to_string(status) + " " + response.getReason());
      }
      if (response.hasContentLength() && response.getContentLength64() > 0 &&
          static_cast<std::uint64_t>(response.getContentLength64()) > options.maxBytes)
        return Status(StatusCode::kPayloadTooLarge, "larger than " + std::to_string(options.maxBytes) + " bytes");
      char buffer[64 * 1024];
      while (body) {
        body.read(buffer, sizeof buffer);
        const auto n = static_cast<std::uint64_t>(body.gcount());
        received += n;
        if (received > options.maxBytes)
          return Status(StatusCode::kPayloadTooLarge, "larger than " + std::to_string(options.maxBytes) + " bytes");
        out.write(buffer, static_cast<std::streamsize>(n));
      }
      if (body.bad()) return Status(StatusCode::kUnavailable, "connection lost while reading the body");
      return {};
    }
  } catch (const Poco::Net::ConnectionRefusedException&) {
    return Status(StatusCode::kUnavailable, "connection refused");
  } catch (const Poco::TimeoutException&) {
    return Status(StatusCode::kDeadlineExceeded, "timed out");
  } catch (const Poco::Net::HostNotFoundException&) {
    return Status(StatusCode::kUnavailable, "host not found");
  } catch (const Poco::Net::NoAddressFoundException&) {
    return Status(StatusCode::kUnavailable, "host not found");
  } catch (const Poco::SyntaxException& e) {
    return Status(StatusCode::kInvalidArgument, "invalid URL: " + lower(e.displayText()));
  } catch (const Poco::Exception& e) {
    return Status(StatusCode::kUnavailable, lower(e.displayText()));
  } catch (const std::exception& e) {
    return Status(StatusCode::kUnavailable, e.what());
  }
}

}  // namespace gateos::registry
