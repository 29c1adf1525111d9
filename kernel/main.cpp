// The `gateos` executable: everything lives in libgateos_kernel so tests link
// the same code the binary runs.
#include "core/cli.h"

int main(int argc, char** argv) { return gateos::kernel::core::runCli(argc, argv); }
