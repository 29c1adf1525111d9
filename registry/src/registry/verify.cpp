#include "registry/verify.h"

#include <algorithm>

#include "plugins/json_schema.h"
#include "plugins/manifest_schema.h"
#include "registry/crypto_util.h"
#include "registry/publisher_key.h"
#include "registry/zip_reader.h"

namespace gateos::registry {
namespace {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

const kernel::plugins::JsonSchema& manifestSchema() {
  // The kernel's own manifest schema, compiled once; the text is the kernel's, so it compiles.
  static const auto schema =
      kernel::plugins::JsonSchema::compile(Json::parse(kernel::plugins::manifestSchemaText())).value();
  return schema;
}

Status checkSignature(const PackageEntry& entry, const TrustStore& trust, const VerifyOptions& options) {
  if (!entry.isSigned()) {
    if (options.allowUnsigned) return {};
    return Status(StatusCode::kPermissionDenied,
                  "package is unsigned (install it only if you trust its source, with unsigned packages allowed)");
  }
  auto key = trust.find(entry.publisher);
  if (!key) {
    if (options.allowUnsigned) return {};
    return Status(StatusCode::kPermissionDenied,
                  "unknown publisher " + entry.publisher + " (not in the trust store)");
  }
  if (auto s = verifySignature(key->publicKey, entry.signingPayload(), entry.signature); !s)
    return Status(StatusCode::kPermissionDenied,
                  s.message() + " by publisher " + entry.publisher + (key->name.empty() ? "" : " (" + key->name + ")"));
  return {};
}

Status checkManifest(const Json& manifest, const PackageEntry& entry, const std::vector<ZipEntry>& entries) {
  if (auto s = manifestSchema().validate(manifest); !s) return s.prefixed("plugin.json");
  auto mismatch = [](const std::string& field, const std::string& archive, const std::string& index) {
    return Status(StatusCode::kInvalidArgument,
                  "plugin.json: " + field + " is " + archive + ", index says " + index);
  };
  const auto id = manifest["id"].get<std::string>();
  if (id != entry.id) return mismatch("id", id, entry.id);
  const auto version = manifest["version"].get<std::string>();
  if (version != entry.version) return mismatch("version", version, entry.version);
  const auto kind = manifest["kind"].get<std::string>();
  if (kind != entry.kind) return mismatch("kind", kind, entry.kind);
  const auto abi = std::to_string(manifest["sdk"]["abi_major"].get<std::uint64_t>()) + "." +
                   std::to_string(manifest["sdk"]["abi_minor"].get<std::uint64_t>());
  const auto entryAbi = std::to_string(entry.abiMajor) + "." + std::to_string(entry.abiMinor);
  if (abi != entryAbi) return mismatch("sdk ABI", abi, entryAbi);
  std::vector<PackageDependency> deps;
  for (const auto& d : manifest.value("dependencies", Json::array()))
    deps.push_back({d["id"].get<std::string>(), d.value("version", "")});
  if (deps != entry.dependencies)
    return Status(StatusCode::kInvalidArgument, "plugin.json: dependencies differ from the index");
  const auto library = manifest["library"].get<std::string>();
  const bool hasLibrary =
      std::any_of(entries.begin(), entries.end(), [&](const ZipEntry& e) { return e.name == library; });
  if (!hasLibrary) return Status(StatusCode::kInvalidArgument, "library " + library + " missing from the archive");
  return {};
}

}  // namespace

sdk::Result<Json> verifyPackage(const std::filesystem::path& archive, const PackageEntry& entry,
                                const TrustStore& trust, const VerifyOptions& options) {
  const std::string context = entry.label();
  std::error_code ec;
  const auto size = std::filesystem::file_size(archive, ec);
  if (ec) return Status(StatusCode::kNotFound, context + ": " + archive.string() + ": " + ec.message());
  if (size != entry.size)
    return Status(StatusCode::kInvalidArgument, context + ": size mismatch: expected " + std::to_string(entry.size) +
                                                    " bytes, got " + std::to_string(size));
  auto sha = sha256FileHex(archive);
  if (!sha) return sha.status().prefixed(context);
  if (sha.value() != entry.sha256)
    return Status(StatusCode::kInvalidArgument,
                  context + ": sha256 mismatch: expected " + entry.sha256 + ", got " + sha.value());
  if (auto s = checkSignature(entry, trust, options); !s) return s.prefixed(context);

  auto entries = listZipEntries(archive);
  if (!entries) return entries.status().prefixed(context);
  auto text = readZipFile(archive, "plugin.json", options.maxManifestBytes);
  if (!text) return text.status().prefixed(context);
  Json manifest = Json::parse(text.value(), nullptr, /*allow_exceptions=*/false);
  if (manifest.is_discarded()) return Status(StatusCode::kInvalidArgument, context + ": plugin.json: not valid JSON");
  if (auto s = checkManifest(manifest, entry, entries.value()); !s) return s.prefixed(context);
  return manifest;
}

}  // namespace gateos::registry
