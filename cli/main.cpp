// `itaku`: the command-line front end. Each command group registers itself; this file only
// parses, dispatches and turns anything unexpected into exit code 3 with a message.
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/exit_codes.hpp"
#include "app/parse_errors.hpp"
#include "app/terminal_output.hpp"
#include "commands/plugins_command.hpp"
#include "commands/registry_commands.hpp"
#include "commands/workflow_commands.hpp"
#include "commands/review_command.hpp"
#include "commands/serve_command.hpp"
#include "commands/token_command.hpp"

int main(int argc, char** argv) {
  // Reports can be large: unsynchronised iostreams write them several times faster.
  std::ios::sync_with_stdio(false);
  // What records hold cannot drive the user's terminal (app/terminal_output.hpp).
  const auto terminal_guards = itaku::cli::filter_terminal_output();
  CLI::App app{"Itaku (委託): checks outsourcing contracts, cloud services and social-media accounts "
               "against the city's information-security policy"};
  app.set_version_flag("--version", std::string("itaku ") + ITAKU_VERSION);
  app.require_subcommand(1);
  int exit_code = itaku::cli::kExitOk;
  itaku::cli::register_review_command(app, exit_code);
  itaku::cli::register_plugins_command(app, exit_code);
  itaku::cli::register_init_command(app, exit_code);
  itaku::cli::register_import_command(app, exit_code);
  itaku::cli::register_export_command(app, exit_code);
  itaku::cli::register_audit_command(app, exit_code);
  itaku::cli::register_workflow_commands(app, exit_code);
  itaku::cli::register_person_commands(app, exit_code);
  itaku::cli::register_channel_command(app, exit_code);
  itaku::cli::register_token_command(app, exit_code);
  itaku::cli::register_serve_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // Help and --version are successes; every other parse failure is a bad option (exit 2).
    return itaku::cli::report_parse_error(app, error, "itaku");
  } catch (const itaku::Error& error) {
    std::cerr << "itaku: " << error.status().to_string() << "\n";
    return itaku::cli::exit_code_for(error.status().code());
  } catch (const std::exception& error) {
    std::cerr << "itaku: internal error: " << error.what() << "\n";
    return itaku::cli::kExitInternal;
  }
  return exit_code;
}
