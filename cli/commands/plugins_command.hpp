// `itaku plugins list`: what is loaded, from where, with which catalogue.
#pragma once

#include <CLI/CLI.hpp>

namespace itaku::cli {

void register_plugins_command(CLI::App& app, int& exit_code);

}  // namespace itaku::cli
