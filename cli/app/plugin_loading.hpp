// Loading the plugins for a command: --plugin-dir, else ITAKU_PLUGIN_PATH, else beside the binary.
#pragma once

#include <string>

#include "itaku/error.hpp"
#include "itaku/plugin/host.hpp"

namespace itaku::cli {

// A plugin that cannot be loaded is an installation problem: kFailedPrecondition (exit code 3),
// its message naming the file and why.
Result<PluginHost> load_plugins(const std::string& plugin_dir);

}  // namespace itaku::cli
