// SQLite: one file, one writer at a time (BEGIN IMMEDIATE), readers on WAL snapshots.
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "itaku/error.hpp"
#include "registry/sql_dialect.hpp"

namespace itaku::detail {
namespace {

// WAL: readers never block the writer. Switching a new database to it needs a moment of
// exclusive access that SQLite does not wait for (the busy handler is not called), so two
// processes creating one database at once retry here for up to the busy timeout.
void use_write_ahead_log(soci::session& sql) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (true) {
    try {
      std::string mode;
      sql << "PRAGMA journal_mode", soci::into(mode);
      if (mode == "wal") return;
      sql << "PRAGMA journal_mode = WAL", soci::into(mode);
      if (mode == "wal") return;
    } catch (const soci::sqlite3_soci_error& error) {
      const int code = error.result() & 0xff;
      if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || std::chrono::steady_clock::now() > deadline) throw;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      throw Error(ErrorCode::kUnavailable, "the database is busy: cannot switch it to write-ahead logging; try again");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// Without this, the last connection to close deletes the -wal file and the next one to open
// recreates and initialises it (and the -shm index): a fifth of a short command's time.
void keep_write_ahead_log_file(soci::session& sql) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  int persist = 1;
  sqlite3_file_control(backend->conn_, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
}

class SqliteDialect final : public SqlDialect {
 public:
  void connect(soci::session& sql, const DatabaseLocation& location) const override {
    sql.open(soci::sqlite3, location.connect_string);
    sql << "PRAGMA busy_timeout = 10000";
  }

  void configure(soci::session& sql) const override {
    use_write_ahead_log(sql);
    keep_write_ahead_log_file(sql);
    // NORMAL is durable at every checkpoint and cannot corrupt the database on a crash.
    sql << "PRAGMA synchronous = NORMAL";
    sql << "PRAGMA foreign_keys = ON";
    // Statement journals in memory: each INSERT of an import wrote the pages it was about to
    // change to a temporary file first (20 small writes per record, a third of an import's time).
    // Itaku's queries sort by indexes, so no large temporary table ends up in memory instead.
    sql << "PRAGMA temp_store = MEMORY";
  }

  std::string table_census_query() const override {
    return "SELECT COUNT(*), COALESCE(SUM(name = 'schema_migrations'), 0) FROM sqlite_master WHERE type = 'table'";
  }

  // The database's one write lock, at once: a writer never upgrades from a read lock (which
  // SQLite answers with SQLITE_BUSY without waiting).
  void begin_write(soci::session& sql) const override { sql << "BEGIN IMMEDIATE"; }

  // The snapshot is taken at the first read and held until the transaction ends.
  void begin_read(soci::session& sql) const override { sql << "BEGIN"; }

  // The write lock already excludes every other writer.
  void lock_engagement(soci::session&, const std::string&) const override {}

  bool writes_batches_in_bulk() const override { return false; }

  std::string in_id_list(const std::string& column) const override {
    return column + " IN (SELECT value FROM json_each(:ids))";
  }

  std::string id_list(const std::vector<long long>& ids) const override {
    std::string text;
    for (const long long id : ids) text += (text.empty() ? "" : ",") + std::to_string(id);
    return "[" + text + "]";
  }

  std::string refresh_statistics_statement() const override { return "PRAGMA optimize"; }
};

}  // namespace

std::unique_ptr<SqlDialect> make_sqlite_dialect() { return std::make_unique<SqliteDialect>(); }

}  // namespace itaku::detail
