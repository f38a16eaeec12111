// The composition root: options → plugins → review service → registry → registry service.
// Commands ask for what they need; each piece is built once, in dependency order, and lives as
// long as the Composition (services hold references to what they were built from).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "itaku/error.hpp"
#include "itaku/plugin/host.hpp"
#include "itaku/registry/registry.hpp"
#include "itaku/service/registry_service.hpp"
#include "itaku/service/review_service.hpp"

namespace itaku::cli {

struct Composition {
  PluginHost plugins;
  std::unique_ptr<ReviewService> review;
  std::unique_ptr<Registry> registry;
  std::unique_ptr<RegistryService> registry_service;  // set by compose_registry
};

// The registry and the service that needs no plugins (compose_registry_only).
struct RecordsComposition {
  std::unique_ptr<Registry> registry;
  std::unique_ptr<BasicRegistryService> records;
};

// Plugins (--plugin-dir, else ITAKU_PLUGIN_PATH, else beside the binary) and the review.
// Errors: kFailedPrecondition for a plugin that cannot be loaded (an installation problem).
Result<std::unique_ptr<Composition>> compose_review(const std::string& plugin_dir);

// Commands that add records from nothing (import, channel register, person add, token create) may
// create the registry, as `itaku init` does on purpose; every other command (those that read, and
// those that change a record that must already be there) opens only a registry that exists, so
// that a mistyped --db is an error (exit 2) and leaves no empty database behind.
enum class DatabaseUse { kExistingOnly, kMayCreate };

// The same plus the registry at `db` (see database_location) and its service.
Result<std::unique_ptr<Composition>> compose_registry(const std::string& plugin_dir, const std::string& db,
                                                      DatabaseUse use);
// The registry and a service without plugins or review, for commands that only read, audit or
// manage persons and certifications: they start without loading and compiling the plugins.
Result<std::unique_ptr<RecordsComposition>> compose_registry_only(const std::string& db, DatabaseUse use);

// --db if given, else $ITAKU_DB, else $XDG_DATA_HOME/itaku/itaku.db (default
// ~/.local/share/itaku/itaku.db; that directory is created when missing and `use` may create).
std::string database_location(const std::string& db_option, DatabaseUse use);
// The files of the SQLite registry at `location` that a report must never be written over: the
// database and its -wal, -shm and -journal companions (writing over the -wal loses committed
// changes). For a postgresql:// location, none.
std::vector<std::string> database_files(const std::string& location);

}  // namespace itaku::cli
