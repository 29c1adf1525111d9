// gateos-registry: creates publisher keys, packs and signs plugins into a
// folder registry, prints an index. Used by the build (bundled plugins) and by
// out-of-tree plugin authors (examples/).
//
//   gateos-registry keygen --out DIR [--name NAME]
//   gateos-registry pack PLUGIN_DIR --key SECRET_KEY --registry DIR
//   gateos-registry pack PLUGIN_DIR --unsigned --registry DIR
//   gateos-registry index REGISTRY [--json]

#include <Poco/Exception.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <Poco/Util/OptionSet.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "registry/file_util.h"
#include "registry/packer.h"
#include "registry/publisher_key.h"
#include "registry/registry_source.h"

namespace {

namespace fs = std::filesystem;
using namespace gateos;
using Poco::Util::Option;
using Poco::Util::OptionSet;

struct Args {
  std::map<std::string, std::string> options;
  std::vector<std::string> positional;
  bool has(const std::string& name) const { return options.count(name) > 0; }
  std::string get(const std::string& name) const {
    auto it = options.find(name);
    return it == options.end() ? std::string() : it->second;
  }
};

OptionSet optionSet() {
  OptionSet set;
  set.addOption(Option("out", "o", "output folder").argument("DIR").required(false));
  set.addOption(Option("name", "n", "publisher name").argument("NAME").required(false));
  set.addOption(Option("key", "k", "secret key file").argument("FILE").required(false));
  set.addOption(Option("registry", "r", "folder registry").argument("DIR").required(false));
  set.addOption(Option("unsigned", "", "pack without a signature").required(false));
  set.addOption(Option("json", "j", "JSON output").required(false));
  set.addOption(Option("quiet", "q", "print nothing on success").required(false));
  set.addOption(Option("help", "h", "help").required(false));
  return set;
}

// Unix-style options (--name value or --name=value) through Poco's OptionProcessor.
sdk::Result<Args> parse(int argc, char** argv, int first) {
  OptionSet set = optionSet();
  Poco::Util::OptionProcessor processor(set);
  processor.setUnixStyle(true);
  Args args;
  try {
    for (int i = first; i < argc; ++i) {
      std::string arg = argv[i], name, value;
      // "--out DIR" / "-o DIR": join the value to the option ("--out=DIR"), since
      // Poco otherwise defers it and reports the next word as an unknown option.
      const bool isLong = arg.size() > 2 && arg.rfind("--", 0) == 0;
      const bool isShort = !isLong && arg.size() == 2 && arg[0] == '-' && arg[1] != '-';
      if ((isLong && arg.find('=') == std::string::npos) || isShort) {
        const Option& option = set.getOption(arg.substr(isLong ? 2 : 1), isShort);
        if (option.takesArgument()) {
          if (i + 1 >= argc)
            return sdk::Status(sdk::StatusCode::kInvalidArgument, "--" + option.fullName() + " needs a value");
          arg = (isLong ? arg + "=" : arg) + argv[++i];
        }
      }
      if (processor.process(arg, name, value)) {
        args.options[name] = value;
      } else {
        args.positional.push_back(arg);
      }
    }
    processor.checkRequired();
  } catch (const Poco::Exception& e) {
    return sdk::Status(sdk::StatusCode::kInvalidArgument, e.displayText());
  }
  return args;
}

void usage() {
  std::puts(
      "usage: gateos-registry <command> [options]\n"
      "\n"
      "  keygen --out DIR [--name NAME]                    new Ed25519 publisher key:\n"
      "                                                    DIR/publisher.key (0600) and DIR/publisher.pub\n"
      "  pack PLUGIN_DIR --key FILE --registry DIR [-q]    pack, sign and publish a built plugin folder\n"
      "  pack PLUGIN_DIR --unsigned --registry DIR         the same without a signature\n"
      "  index REGISTRY [--json]                           print a registry's packages (folder or URL)");
}

int fail(const sdk::Status& status) {
  std::fprintf(stderr, "gateos-registry: %s\n", status.message().c_str());
  return status.code() == sdk::StatusCode::kInvalidArgument ? 2 : 1;
}

int keygen(const Args& args) {
  if (!args.has("out")) return fail(sdk::Status(sdk::StatusCode::kInvalidArgument, "keygen needs --out DIR"));
  const fs::path dir = args.get("out");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fail(sdk::Status(sdk::StatusCode::kInternal, "create " + dir.string() + ": " + ec.message()));
  auto key = registry::PublisherKey::generate(args.has("name") ? args.get("name") : "GateOS publisher");
  if (auto s = key.saveSecret(dir / "publisher.key"); !s) return fail(s);
  if (auto s = key.savePublic(dir / "publisher.pub"); !s) return fail(s);
  std::printf("publisher key %s\n  secret: %s (keep it private)\n  public: %s\n", key.id().c_str(),
              (dir / "publisher.key").c_str(), (dir / "publisher.pub").c_str());
  return 0;
}

int pack(const Args& args) {
  if (args.positional.size() != 1 || !args.has("registry") || (args.has("key") == args.has("unsigned"))) {
    usage();
    return 2;
  }
  const fs::path pluginDir = args.positional[0];
  const fs::path registryDir = args.get("registry");
  std::error_code ec;
  fs::create_directories(registryDir, ec);
  // A unique, private folder to build the archive in: reserve a temporary name, then make it a folder.
  auto reserved = registry::TempFile::create(fs::temp_directory_path(), "gateos-pack-");
  if (!reserved) return fail(reserved.status());
  const fs::path workDir = reserved->release();
  fs::remove(workDir, ec);
  sdk::Result<registry::PackResult> packed = sdk::Status(sdk::StatusCode::kInternal, "not packed");
  if (args.has("key")) {
    auto key = registry::PublisherKey::loadSecret(args.get("key"));
    if (!key) return fail(key.status());
    packed = registry::packPlugin(pluginDir, workDir, key.value());
  } else {
    packed = registry::packPluginUnsigned(pluginDir, workDir);
  }
  if (!packed) {
    registry::removeTreeQuietly(workDir);
    return fail(packed.status());
  }
  auto published = registry::publishToFolderRegistry(registryDir, packed->archive, packed->entry);
  registry::removeTreeQuietly(workDir);
  if (!published) return fail(published.status());
  if (args.has("quiet")) return 0;
  std::printf("published %s to %s (%s, %llu bytes, %s)\n", published->label().c_str(), registryDir.c_str(),
              published->file.c_str(), static_cast<unsigned long long>(published->size),
              published->isSigned() ? ("signed by " + published->publisher).c_str() : "unsigned");
  return 0;
}

int printIndex(const Args& args) {
  if (args.positional.size() != 1) {
    usage();
    return 2;
  }
  auto source = registry::RegistrySource::create(args.positional[0]);
  if (!source) return fail(source.status());
  auto loaded = source.value()->loadIndex();
  if (!loaded) return fail(loaded.status());
  if (args.has("json")) {
    std::printf("%s\n", loaded->toJson().dump(2).c_str());
    return 0;
  }
  std::printf("registry %s (%zu packages)\n", loaded->name.c_str(), loaded->packages.size());
  for (const auto& p : loaded->packages) {
    std::printf("  %-32s %-12s %-24s %s\n", p.id.c_str(), p.version.c_str(), p.platform.c_str(),
                p.isSigned() ? p.publisher.c_str() : "unsigned");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage();
    return 2;
  }
  const std::string command = argv[1];
  if (command == "help" || command == "--help" || command == "-h") {
    usage();
    return 0;
  }
  auto args = parse(argc, argv, 2);
  if (!args) return fail(args.status());
  if (args->has("help")) {
    usage();
    return 0;
  }
  if (command == "keygen") return keygen(args.value());
  if (command == "pack") return pack(args.value());
  if (command == "index") return printIndex(args.value());
  std::fprintf(stderr, "gateos-registry: unknown command '%s'\n", command.c_str());
  usage();
  return 2;
}
