#include "app/composition.hpp"

#include <cstdlib>
#include <filesystem>

#include "app/plugin_loading.hpp"

namespace itaku::cli {

Result<std::unique_ptr<Composition>> compose_review(const std::string& plugin_dir) {
  auto composition = std::make_unique<Composition>();
  auto plugins = load_plugins(plugin_dir);
  if (!plugins) return plugins.status();
  composition->plugins = std::move(plugins).value();
  auto review = ReviewService::create(composition->plugins);
  if (!review) return review.status();
  composition->review = std::make_unique<ReviewService>(std::move(review).value());
  return composition;
}

namespace {

Registry::OpenMode open_mode(DatabaseUse use) {
  return use == DatabaseUse::kMayCreate ? Registry::OpenMode::kCreateIfMissing : Registry::OpenMode::kExistingOnly;
}

}  // namespace

Result<std::unique_ptr<Composition>> compose_registry(const std::string& plugin_dir, const std::string& db,
                                                      DatabaseUse use) {
  auto composition = compose_review(plugin_dir);
  if (!composition) return composition.status();
  auto registry = Registry::open(database_location(db, use), open_mode(use));
  if (!registry) return registry.status();
  (*composition)->registry = std::move(registry).value();
  (*composition)->registry_service = std::make_unique<RegistryService>(*(*composition)->registry, *(*composition)->review);
  return composition;
}

Result<std::unique_ptr<RecordsComposition>> compose_registry_only(const std::string& db, DatabaseUse use) {
  auto composition = std::make_unique<RecordsComposition>();
  auto registry = Registry::open(database_location(db, use), open_mode(use));
  if (!registry) return registry.status();
  composition->registry = std::move(registry).value();
  composition->records = std::make_unique<BasicRegistryService>(*composition->registry);
  return composition;
}

std::string database_location(const std::string& db_option, DatabaseUse use) {
  if (!db_option.empty()) return db_option;
  if (const char* env = std::getenv("ITAKU_DB"); env && *env) return env;
  std::filesystem::path data_home;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    data_home = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    data_home = std::filesystem::path(home) / ".local" / "share";
  } else {
    data_home = ".";
  }
  const auto directory = data_home / "itaku";
  if (use == DatabaseUse::kMayCreate) {
    std::error_code ignored;
    std::filesystem::create_directories(directory, ignored);  // a failure is reported when opening
  }
  return (directory / "itaku.db").string();
}

std::vector<std::string> database_files(const std::string& location) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) return {};
  return {location, location + "-wal", location + "-shm", location + "-journal"};
}

}  // namespace itaku::cli
