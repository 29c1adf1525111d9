#pragma once
// The `gateos` command line: serve, key, version. Options are parsed with
// Poco::Util's OptionSet/OptionProcessor.

namespace gateos::kernel::core {

int runCli(int argc, char** argv);

}  // namespace gateos::kernel::core
