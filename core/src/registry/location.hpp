// Where a registry lives: a SQLite file or a PostgreSQL server, as SOCI wants to be told.
#pragma once

#include <string>

#include "itaku/error.hpp"

namespace itaku::detail {

enum class Backend { kSqlite, kPostgresql };

struct DatabaseLocation {
  Backend backend = Backend::kSqlite;
  std::string connect_string;  // for soci::session
  std::string display;         // for messages: never contains a password
  std::string file;            // the SQLite database file as given; empty for PostgreSQL
};

// A file path, or postgresql://[user[:password]@]host[:port]/dbname[?key=value&...] (libpq's
// URI form, which SOCI 4.0 does not accept as is, translated to keyword=value). Errors:
// kInvalidArgument naming what is wrong (empty path, missing or unwritable directory, bad URL).
Result<DatabaseLocation> parse_database_location(const std::string& location);

}  // namespace itaku::detail
