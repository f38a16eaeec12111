// show, assess, verify, clause, terminate, vendor cert, due; person add|list|deactivate|reassign;
// channel register.
#pragma once

#include <CLI/CLI.hpp>

namespace itaku::cli {

void register_workflow_commands(CLI::App& app, int& exit_code);
void register_person_commands(CLI::App& app, int& exit_code);
void register_channel_command(CLI::App& app, int& exit_code);

}  // namespace itaku::cli
