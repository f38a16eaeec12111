// What a command line CLI11 could not parse gets: a Japanese explanation first, then CLI11's
// English (which names the option), and where help is. Exit code 2, as for any bad input.
#pragma once

#include <string_view>

#include <CLI/CLI.hpp>

namespace itaku::cli {

// Help and --version print as CLI11 prints them and return kExitOk; every other parse failure
// is written to stderr in both languages and returns kExitBadInput.
int report_parse_error(CLI::App& app, const CLI::ParseError& error, std::string_view program);

}  // namespace itaku::cli
