#include "registry/store_opening.hpp"

#include "registry/migrations.hpp"
#include "registry/soci_errors.hpp"

namespace itaku::detail {
namespace {

// What a database holds before Itaku touches it.
enum class Contents { kRegistry, kEmpty, kOtherTables, kNotADatabase };

Contents contents(soci::session& sql, const SqlDialect& dialect) {
  long long tables = 0;
  long long migrations = 0;
  try {
    sql << dialect.table_census_query(), soci::into(tables), soci::into(migrations);
  } catch (const soci::soci_error&) {
    return Contents::kNotADatabase;  // e.g. a text file given as a SQLite database
  }
  if (migrations > 0) return Contents::kRegistry;
  return tables == 0 ? Contents::kEmpty : Contents::kOtherTables;
}

// A reader needs a registry; a writer may also start one in an empty database, but never adds
// Itaku's tables beside another program's or writes into a file that is no database.
void require_registry_or_empty(soci::session& sql, const SqlDialect& dialect, const DatabaseLocation& location,
                               Registry::OpenMode mode) {
  const Contents found = contents(sql, dialect);
  const std::string& where = location.display;
  if (found == Contents::kRegistry) return;
  if (found == Contents::kNotADatabase) {
    throw Error(ErrorCode::kInvalidArgument,
                where + " はデータベースではありません（SQLite で読めないファイルです）。別のパスを指定してください / " + where +
                    " is not a database (SQLite cannot read the file): give another --db path",
                "--db");
  }
  if (found == Contents::kOtherTables) {
    throw Error(ErrorCode::kInvalidArgument,
                where + " には別のプログラムの表があり、Itaku の登録簿ではありません。別のパスを指定してください / " + where +
                    " holds another program's tables, not an Itaku registry: give another --db path " +
                    "(Itaku does not add its tables to it)",
                "--db");
  }
  if (mode == Registry::OpenMode::kCreateIfMissing) return;
  throw Error(ErrorCode::kNotFound,
              where + " は Itaku の登録簿ではありません（空のデータベースです）。新しく作るには itaku init --db を使います / " +
                  where + " is not an Itaku registry (the database is empty); create one with itaku init --db",
              "--db");
}

}  // namespace

int open_store(soci::session& sql, const SqlDialect& dialect, const DatabaseLocation& location, Registry::OpenMode mode) {
  try {
    dialect.connect(sql, location);
    require_registry_or_empty(sql, dialect, location, mode);
    dialect.configure(sql);
    return apply_migrations(sql, location.backend);
  } catch (...) {
    rethrow_database_error("opening " + location.display);
  }
}

}  // namespace itaku::detail
