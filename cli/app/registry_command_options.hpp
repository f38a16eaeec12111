// Options every registry command takes, and how commands print what they did.
#pragma once

#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/exit_codes.hpp"
#include "itaku/error.hpp"
#include "itaku/domain/review_result.hpp"

namespace itaku::cli {

struct RegistryCommandOptions {
  std::string db;
  std::string plugin_dir;
  std::string actor;   // for the audit trail; the OS user when empty
  std::string format = "text";
};

// Refuses `--db ""`: an empty value (an unset shell variable) must not quietly mean the default
// database.
const CLI::Validator& database_option_check();

// --db, --plugin-dir, --actor (when `writes`), --format text|json.
void add_registry_options(CLI::App& command, RegistryCommandOptions& options, bool writes,
                          const std::vector<std::string>& formats = {"text", "json"});

// Prints "itaku <command>: <path>: <message>" on stderr; returns the exit code for the status.
int report_failure(const std::string& command, const Status& status);

// A review result for a person: decision, risk, verification and each finding (ja / en).
void print_result_text(std::ostream& out, const ReviewResult& result);

}  // namespace itaku::cli
