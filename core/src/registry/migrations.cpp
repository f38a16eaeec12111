#include "registry/migrations.hpp"

#include <chrono>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "itaku/error.hpp"
#include "kMigration001.hpp"
#include "text/utc_timestamp.hpp"
#include "kMigration002.hpp"
#include "kMigration003.hpp"
#include "kMigration004.hpp"
#include "kMigration005.hpp"
#include "kMigration006.hpp"

namespace itaku::detail {
namespace {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kAll = {
      {1, "initial", kMigration001},
      {2, "clause_evidence_and_termination", kMigration002},
      {3, "audit_head", kMigration003},
      {4, "api_tokens", kMigration004},
      {5, "verification_voids", kMigration005},
      {6, "ledger_columns", kMigration006},
  };
  return kAll;
}

std::string dialect(std::string_view sql, Backend backend) {
  const std::string_view id = backend == Backend::kSqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
  std::string out(sql);
  for (size_t at = out.find("{{ID}}"); at != std::string::npos; at = out.find("{{ID}}", at)) {
    out.replace(at, 6, id);
  }
  return out;
}

// Statements separated by ';' at line ends; "--" comments dropped (no ';' inside literals).
std::vector<std::string> statements(const std::string& script) {
  std::vector<std::string> result;
  std::string current;
  size_t start = 0;
  while (start < script.size()) {
    size_t end = script.find('\n', start);
    if (end == std::string::npos) end = script.size();
    std::string line = script.substr(start, end - start);
    start = end + 1;
    if (auto comment = line.find("--"); comment != std::string::npos) line.erase(comment);
    current += line + "\n";
    if (line.find_last_not_of(" \t\r") != std::string::npos && line[line.find_last_not_of(" \t\r")] == ';') {
      result.push_back(current);
      current.clear();
    }
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) result.push_back(current);
  return result;
}


}  // namespace

int latest_schema_version() noexcept { return migrations().back().version; }

int apply_migrations(soci::session& sql, Backend backend) {
  // Two itaku processes may open a new database at once: each migration runs under an exclusive
  // lock and re-reads the version inside it, so exactly one of them applies it.
  auto begin_exclusive = [&] {
    if (backend == Backend::kSqlite) {
      sql << "BEGIN IMMEDIATE";
    } else {
      sql << "BEGIN";
      sql << "SELECT pg_advisory_xact_lock(727274)";  // any constant shared by all itaku processes
    }
  };
  auto read_version = [&] {
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, "
           "applied_at TEXT NOT NULL)";
    long long version = 0;
    soci::indicator indicator = soci::i_ok;
    sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, indicator);
    return indicator == soci::i_null ? 0LL : version;
  };
  // Opening an up-to-date database must not wait for a writer: read the version without a lock
  // first, and take the exclusive lock only when there is something to apply.
  try {
    long long version = 0;
    soci::indicator indicator = soci::i_null;
    sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, indicator);
    if (indicator == soci::i_ok && version == latest_schema_version()) return static_cast<int>(version);
  } catch (const soci::soci_error&) {
    // No schema_migrations table yet (a new database): create it under the lock below.
  }
  long long current = 0;
  for (size_t next = 0;; ++next) {
    begin_exclusive();
    try {
      current = read_version();
      if (current > latest_schema_version()) {
        throw Error(ErrorCode::kFailedPrecondition,
                    "the database has schema version " + std::to_string(current) + ", newer than this itaku knows (" +
                        std::to_string(latest_schema_version()) + "): upgrade itaku before using this database");
      }
      if (next >= migrations().size()) {
        sql << "COMMIT";
        return static_cast<int>(current);
      }
      const Migration& migration = migrations()[next];
      if (migration.version > current) {
        for (const auto& statement : statements(dialect(migration.sql, backend))) sql << statement;
        const long long version = migration.version;
        const std::string name(migration.name);
        const std::string applied_at = utc_timestamp();
        sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)", soci::use(version),
            soci::use(name), soci::use(applied_at);
      }
      sql << "COMMIT";
    } catch (...) {
      try {
        sql << "ROLLBACK";
      } catch (...) {
        // the original error is the one worth reporting
      }
      throw;
    }
  }
}

}  // namespace itaku::detail
