// `itaku token`: bearer tokens of the REST API.
#pragma once

#include <CLI/CLI.hpp>

namespace itaku::cli {

void register_token_command(CLI::App& app, int& exit_code);

}  // namespace itaku::cli
