// `itaku review FILE...`: the batch review of engagement files (docs/records.md report and exit codes).
#pragma once

#include <CLI/CLI.hpp>

namespace itaku::cli {

// Registers the subcommand; its callback stores the exit code in `exit_code`.
void register_review_command(CLI::App& app, int& exit_code);

}  // namespace itaku::cli
