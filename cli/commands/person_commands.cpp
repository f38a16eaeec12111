// Responsible persons (責任者): add, list, deactivate on transfer (人事異動), reassign in one step.
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "app/composition.hpp"
#include "app/registry_command_options.hpp"
#include "commands/workflow_commands.hpp"
#include "itaku/service/json_views.hpp"

namespace itaku::cli {
namespace {

struct PersonOptions : RegistryCommandOptions {
  std::string name;
  std::string department;
  std::string email;
  bool all = false;
  long long id = 0;
  long long from = 0;
  long long to = 0;
};

void print_person(const StoredPerson& stored, const std::string& format) {
  if (format == "json") {
    std::cout << person_view(stored).dump() << "\n";
    return;
  }
  std::cout << stored.id << "  " << stored.person.name << "（" << stored.person.department << "）"
            << (stored.person.email ? "  " + *stored.person.email : "") << (stored.person.is_active() ? "" : "  ※無効 / inactive")
            << "  担当 " << stored.engagements << " 件\n";
}

// Persons need no plugins: each command starts without loading them.
template <typename Body>
int with_service(const std::string& command, const RegistryCommandOptions& options, Body&& body) {
  const DatabaseUse use = command == "person add" ? DatabaseUse::kMayCreate : DatabaseUse::kExistingOnly;
  auto composition = compose_registry_only(options.db, use);
  if (!composition) return report_failure(command, composition.status());
  return body(*(*composition)->records);
}

}  // namespace

void register_person_commands(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PersonOptions>();
  CLI::App* person = app.add_subcommand("person", "Responsible persons (責任者)");
  person->require_subcommand(1);

  CLI::App* add = person->add_subcommand("add", "Register a person");
  add->add_option("--name", options->name, "Name, e.g. 上野 太郎")->required();
  add->add_option("--department", options->department, "Department, e.g. 市民課")->required();
  add->add_option("--email", options->email, "E-mail address");
  add_registry_options(*add, *options, true);
  add->callback([options, &exit_code] {
    exit_code = with_service("person add", *options, [&](BasicRegistryService& service) {
      Person person{options->name, options->department,
                    options->email.empty() ? std::nullopt : std::optional(options->email), true};
      auto stored = service.add_person(person, options->actor);
      if (!stored) return report_failure("person add", stored.status());
      print_person(*stored, options->format);
      return kExitOk;
    });
  });

  CLI::App* list = person->add_subcommand("list", "List persons (active only unless --all)");
  list->add_flag("--all", options->all, "Include inactive persons");
  add_registry_options(*list, *options, false);
  list->callback([options, &exit_code] {
    exit_code = with_service("person list", *options, [&](BasicRegistryService& service) {
      auto persons = service.list_persons(options->all);
      if (!persons) return report_failure("person list", persons.status());
      if (options->format == "json") {  // one JSON document, as `due --format json`
        nlohmann::ordered_json views = nlohmann::ordered_json::array();
        for (const auto& stored : *persons) views.push_back(person_view(stored));
        std::cout << views.dump(2) << "\n";
        return kExitOk;
      }
      for (const auto& stored : *persons) print_person(stored, options->format);
      return kExitOk;
    });
  });

  CLI::App* deactivate = person->add_subcommand("deactivate", "Mark a person inactive (transfer, retirement)");
  deactivate->add_option("id", options->id, "Person id (see person list)")->required();
  add_registry_options(*deactivate, *options, true);
  deactivate->callback([options, &exit_code] {
    exit_code = with_service("person deactivate", *options, [&](BasicRegistryService& service) {
      auto stored = service.deactivate_person(options->id, options->actor);
      if (!stored) return report_failure("person deactivate", stored.status());
      print_person(*stored, options->format);
      if (stored->engagements > 0 && options->format != "json") {
        std::cout << "  この責任者の " << stored->engagements
                  << " 件は GEN-01 で指摘されます。itaku person reassign で後任に引き継いでください / its engagements "
                     "are flagged (GEN-01) until reassigned\n";
      }
      return kExitOk;
    });
  });

  CLI::App* reassign = person->add_subcommand("reassign", "Move every engagement of one person to another");
  reassign->add_option("--from", options->from, "Person id giving up the engagements")->required();
  reassign->add_option("--to", options->to, "Person id taking them over")->required();
  add_registry_options(*reassign, *options, true);
  reassign->callback([options, &exit_code] {
    exit_code = with_service("person reassign", *options, [&](BasicRegistryService& service) {
      auto moved = service.reassign_person(options->from, options->to, options->actor);
      if (!moved) return report_failure("person reassign", moved.status());
      if (options->format == "json") {
        std::cout << nlohmann::json(*moved).dump() << "\n";
      } else {
        std::cout << moved->size() << " 件を引き継ぎました / engagements reassigned:";
        for (const auto& ref : *moved) std::cout << " " << ref;
        std::cout << "\n";
      }
      return kExitOk;
    });
  });
}

}  // namespace itaku::cli
