// `itaku serve`: hands over to the itaku-serve executable.
#pragma once

#include <CLI/CLI.hpp>

namespace itaku::cli {

void register_serve_command(CLI::App& app, int& exit_code);

}  // namespace itaku::cli
