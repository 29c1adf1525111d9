#pragma once
// The /c/<client>/ path prefix: a client that cannot send a telling header
// (Continue, Aider) can be pointed at <gateway>/c/<client>/v1 so that its
// requests are labelled. It combines with the workspace prefix in either
// order (/w/<ws>/c/<client>/v1/…, /c/<client>/w/<ws>/v1/…).

#include <string>
#include <string_view>

namespace gateos::kernel::core::integrations {

// Removes a leading "/c/<client>" from `path`; returns the client or "".
std::string takeClientPrefix(std::string& path);

// The client named by a /c/<client>/ prefix in a raw request target (the path
// as received, before the prefixes were taken off), or "".
std::string_view clientPrefixOf(std::string_view target) noexcept;

}  // namespace gateos::kernel::core::integrations
