// PostgreSQL: many sessions, one writer at a time through the audit trail's table lock, readers
// on REPEATABLE READ snapshots.
#include <soci/soci.h>

#include "itaku/error.hpp"
#include "registry/sql_dialect.hpp"

namespace itaku::detail {
namespace {

class PostgresqlDialect final : public SqlDialect {
 public:
  // libpq's connection failures reach SOCI without an SQLSTATE: tell a server that cannot be
  // reached (retry later) from a request that can never work (wrong database or credentials).
  void connect(soci::session& sql, const DatabaseLocation& location) const override {
    try {
      // By name: SOCI loads its PostgreSQL backend (and libpq with its TLS and Kerberos
      // libraries) only now, so that commands on a SQLite registry start without them.
      sql.open("postgresql", location.connect_string);
    } catch (const soci::soci_error& error) {
      const std::string message = error.what();
      const bool refused = message.find("does not exist") != std::string::npos ||
                           message.find("authentication failed") != std::string::npos ||
                           message.find("password") != std::string::npos ||
                           message.find("no pg_hba.conf entry") != std::string::npos;
      throw Error(refused ? ErrorCode::kInvalidArgument : ErrorCode::kUnavailable,
                  "cannot connect to " + location.display + ": " + message);
    }
    sql << "SET client_min_messages = warning";  // keep NOTICEs off the user's terminal
  }

  // A writer waits at most as long for the trail's lock as SQLite's busy timeout, then is told to
  // retry (kUnavailable), like a writer on SQLite.
  void configure(soci::session& sql) const override { sql << "SET lock_timeout = '10s'"; }

  // Asked of the catalogue, so that a missing table is an answer and not a failed statement
  // (which the server would log).
  std::string table_census_query() const override {
    return "SELECT COUNT(*), COUNT(*) FILTER (WHERE tablename = 'schema_migrations') FROM pg_catalog.pg_tables "
           "WHERE schemaname = ANY (current_schemas(false))";
  }

  // EXCLUSIVE admits readers but no other writer until COMMIT. Taken at BEGIN, before any row:
  // no writer ever holds a row another writer waits for while waiting for the trail.
  void begin_write(soci::session& sql) const override {
    sql << "BEGIN";
    try {
      sql << "LOCK TABLE audit_log IN EXCLUSIVE MODE";
    } catch (...) {
      sql << "ROLLBACK";
      throw;
    }
  }

  void begin_read(soci::session& sql) const override { sql << "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"; }

  // Writers are serialised by the trail's lock already; the row lock keeps the promise of
  // find_engagement_for_update for any writer that does not go through begin_write.
  void lock_engagement(soci::session& sql, const std::string& ref) const override {
    long long id = 0;
    sql << "SELECT id FROM engagements WHERE ref = :ref FOR UPDATE", soci::use(ref), soci::into(id);
  }

  bool writes_batches_in_bulk() const override { return true; }

  std::string in_id_list(const std::string& column) const override { return column + " = ANY(CAST(:ids AS bigint[]))"; }

  std::string id_list(const std::vector<long long>& ids) const override {
    std::string text;
    for (const long long id : ids) text += (text.empty() ? "" : ",") + std::to_string(id);
    return "{" + text + "}";
  }

  std::string refresh_statistics_statement() const override {
    return "ANALYZE vendors, vendor_certifications, persons, engagements, engagement_clauses, verifications,"
           " clause_evidence";
  }
};

}  // namespace

std::unique_ptr<SqlDialect> make_postgresql_dialect() { return std::make_unique<PostgresqlDialect>(); }

}  // namespace itaku::detail
