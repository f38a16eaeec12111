// `itaku init`, `itaku import`, `itaku export` and `itaku audit log|verify`: the registry's command groups.
#pragma once

#include <CLI/CLI.hpp>

namespace itaku::cli {

void register_init_command(CLI::App& app, int& exit_code);
void register_import_command(CLI::App& app, int& exit_code);
void register_export_command(CLI::App& app, int& exit_code);
void register_audit_command(CLI::App& app, int& exit_code);

}  // namespace itaku::cli
