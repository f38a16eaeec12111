// Opening a registry's database: connect, make sure it is a registry (or, for a command that
// may create one, empty), configure the session and apply pending migrations.
#pragma once

#include <soci/soci.h>

#include "itaku/registry/registry.hpp"
#include "registry/location.hpp"
#include "registry/sql_dialect.hpp"

namespace itaku::detail {

// Returns the schema version. Throws itaku::Error (see Registry::open).
int open_store(soci::session& sql, const SqlDialect& dialect, const DatabaseLocation& location, Registry::OpenMode mode);

}  // namespace itaku::detail
