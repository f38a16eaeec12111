// What differs between SQLite and PostgreSQL, in one place, so that the rest of the store holds
// no backend branches: connecting, how a transaction begins (the lock order of
// core/src/registry/UNIT_OF_WORK.md), how a list of row ids is bound, and whether batches are
// worth writing set-based.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "registry/location.hpp"

namespace soci {
class session;
}

namespace itaku::detail {

class SqlDialect {
 public:
  virtual ~SqlDialect() = default;

  // Opens `sql` on `location`. Errors: kInvalidArgument (a request that can never work: no such
  // database, refused credentials), kUnavailable (unreachable, busy).
  virtual void connect(soci::session& sql, const DatabaseLocation& location) const = 0;
  // Session settings, applied once the database is known to be a registry or empty (a file that
  // is no registry is left exactly as it was).
  virtual void configure(soci::session& sql) const = 0;
  // One row of two counts: the tables in the database, and those named schema_migrations.
  virtual std::string table_census_query() const = 0;

  // Begins a write transaction holding the audit trail's lock (taken before any row lock).
  virtual void begin_write(soci::session& sql) const = 0;
  // Begins a read transaction: one snapshot for every statement until it ends.
  virtual void begin_read(soci::session& sql) const = 0;
  // Locks the engagement row with this ref until the transaction ends, where the write lock does
  // not already exclude every other writer.
  virtual void lock_engagement(soci::session& sql, const std::string& ref) const = 0;

  // Whether a batch is written set-based (bulk_statements.hpp): true where every statement is a
  // network round trip; SQLite's prepared per-row statements are its fast path.
  virtual bool writes_batches_in_bulk() const = 0;
  // "column is one of the ids bound as :ids", with the ids bound as one text (id_list).
  virtual std::string in_id_list(const std::string& column) const = 0;
  virtual std::string id_list(const std::vector<long long>& distinct_ids) const = 0;
  // Lets the planner see the registry's current size.
  virtual std::string refresh_statistics_statement() const = 0;
};

std::unique_ptr<SqlDialect> make_sqlite_dialect();
std::unique_ptr<SqlDialect> make_postgresql_dialect();
std::unique_ptr<SqlDialect> make_sql_dialect(Backend backend);

}  // namespace itaku::detail
