// `itaku token create|list|revoke`: the REST API's bearer tokens. The token is printed once, on
// standard output alone (so that a script can capture it); only its hash is stored.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/composition.hpp"
#include "app/exit_codes.hpp"
#include "app/registry_command_options.hpp"
#include "commands/token_command.hpp"
#include "itaku/service/json_views.hpp"
#include "itaku/service/token_service.hpp"

namespace itaku::cli {
namespace {

struct TokenOptions : RegistryCommandOptions {
  std::string name;
  std::string role;
  std::string department;
};

template <typename Body>
int with_tokens(const std::string& command, const TokenOptions& options, Body&& body) {
  const DatabaseUse use = command == "token create" ? DatabaseUse::kMayCreate : DatabaseUse::kExistingOnly;
  auto composition = compose_registry_only(options.db, use);
  if (!composition) return report_failure(command, composition.status());
  TokenService tokens(*(*composition)->registry);
  return body(tokens);
}

std::string actor_of(const TokenOptions& options) {
  return options.actor.empty() ? current_user_name() : options.actor;
}

int run_create(const TokenOptions& options) {
  const std::optional<Role> role = parse_role(options.role);
  if (!role) {
    return report_failure("token create", Status(ErrorCode::kInvalidArgument,
                                                 "役割「" + options.role +
                                                     "」はありません（admin, officer, procurement, channel_owner, auditor） / unknown role '" +
                                                     options.role + "' (admin, officer, procurement, channel_owner, auditor)",
                                                 "--role"));
  }
  return with_tokens("token create", options, [&](TokenService& tokens) {
    const std::optional<std::string> department =
        options.department.empty() ? std::nullopt : std::optional(options.department);
    auto created = tokens.create(options.name, *role, department, actor_of(options));
    if (!created) return report_failure("token create", created.status());
    if (options.format == "json") {
      std::cout << issued_token_view(created->stored, created->token).dump() << "\n";
    } else {
      std::cout << created->token << "\n";  // alone on stdout, so that TOKEN=$(itaku token create ...) works
    }
    std::cerr << "token '" << created->stored.name << "' (" << role_name(created->stored.role)
              << (department ? ", " + *department : std::string()) << ") created: it is shown only this once.\n";
    return kExitOk;
  });
}

int run_list(const TokenOptions& options) {
  return with_tokens("token list", options, [&](TokenService& tokens) {
    auto listed = tokens.list();
    if (!listed) return report_failure("token list", listed.status());
    if (options.format == "json") {
      nlohmann::ordered_json views = nlohmann::ordered_json::array();
      for (const ApiToken& token : *listed) views.push_back(token_view(token));
      std::cout << views.dump(2) << "\n";
      return kExitOk;
    }
    for (const ApiToken& token : *listed) {
      {
        std::cout << token.name << "  " << role_name(token.role) << (token.department ? "  " + *token.department : "")
                  << "  created " << token.created_at
                  << (token.revoked_at ? "  ※失効 / revoked " + *token.revoked_at : std::string()) << "\n";
      }
    }
    return kExitOk;
  });
}

int run_revoke(const TokenOptions& options) {
  return with_tokens("token revoke", options, [&](TokenService& tokens) {
    if (Status revoked = tokens.revoke(options.name, actor_of(options)); !revoked) {
      return report_failure("token revoke", revoked);
    }
    std::cerr << "token '" << options.name << "' revoked\n";
    return kExitOk;
  });
}

}  // namespace

void register_token_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TokenOptions>();
  CLI::App* token = app.add_subcommand("token", "Bearer tokens of the REST API (itaku serve)");
  token->require_subcommand(1);

  CLI::App* create = token->add_subcommand("create", "Create a token and print it once");
  create->add_option("--name", options->name, "Name of the token (the actor of what it changes)")->required();
  create->add_option("--role", options->role, "admin, officer, procurement, channel_owner or auditor")->required();
  create->add_option("--department", options->department, "The department a channel_owner runs the channels of");
  add_registry_options(*create, *options, true);
  create->callback([options, &exit_code] { exit_code = run_create(*options); });

  CLI::App* list = token->add_subcommand("list", "List tokens (never the tokens themselves)");
  add_registry_options(*list, *options, false);
  list->callback([options, &exit_code] { exit_code = run_list(*options); });

  CLI::App* revoke = token->add_subcommand("revoke", "Revoke a token by name");
  revoke->add_option("name", options->name, "Name of the token")->required();
  add_registry_options(*revoke, *options, true);
  revoke->callback([options, &exit_code] { exit_code = run_revoke(*options); });
}

}  // namespace itaku::cli
