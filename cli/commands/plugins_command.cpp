#include "commands/plugins_command.hpp"

#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "app/catalogue_json.hpp"
#include "app/exit_codes.hpp"
#include "app/plugin_loading.hpp"
#include "app/rules_markdown.hpp"
#include "itaku/catalogue/requirement.hpp"

namespace itaku::cli {
namespace {

struct PluginsOptions {
  std::string format = "text";
  std::string plugin_dir;
};

std::string severities_text(const Requirement& requirement) {
  const auto& s = requirement.severity_by_tier;
  if (s[0] == s[1] && s[1] == s[2]) return std::string(severity_name(s[0]));
  return std::string(severity_name(s[0])) + "/" + std::string(severity_name(s[1])) + "/" +
         std::string(severity_name(s[2]));
}

int run_list(const PluginsOptions& options) {
  auto host = load_plugins(options.plugin_dir);
  if (!host) {
    std::cerr << "itaku plugins list: " << host.status().message() << "\n";
    return exit_code_for(host.status().code());
  }
  if (options.format == "json") {
    const nlohmann::json document = plugins_document(*host);
    std::cout << document.dump(2) << "\n";
    return kExitOk;
  }
  if (options.format == "md") {
    std::cout << rules_markdown(*host);  // docs/rules.md
    return kExitOk;
  }
  for (const auto& loaded : host->plugins()) {
    const auto& d = loaded.description();
    std::cout << d.name << " " << d.version << "  (API " << d.api_major << "." << d.api_minor << ", kinds:";
    for (const auto& kind : d.kinds) std::cout << " " << kind;
    std::cout << ")\n  " << d.file.string() << "\n";
    for (const auto& requirement : d.catalogue) {
      std::cout << "  " << requirement.id << "  [" << severities_text(requirement) << "]  " << requirement.title.ja
                << " / " << requirement.title.en << "\n";
    }
    std::cout << "\n";
  }
  return kExitOk;
}

}  // namespace

void register_plugins_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PluginsOptions>();
  CLI::App* plugins = app.add_subcommand("plugins", "Inspect the assessment plugins");
  plugins->require_subcommand(1);
  CLI::App* list = plugins->add_subcommand("list", "List loaded plugins with their kinds and requirement catalogues");
  list->add_option("--format", options->format, "Output format (md: the rule book, docs/rules.md)")
      ->check(CLI::IsMember({"text", "json", "md"}))
      ->capture_default_str();
  list->add_option("--plugin-dir", options->plugin_dir,
                   "Load plugins from this directory (default: $ITAKU_PLUGIN_PATH, else beside the executable)");
  list->callback([options, &exit_code] { exit_code = run_list(*options); });
}

}  // namespace itaku::cli
