// Numbered schema migrations (migrations/NNN_*.sql), applied in order when a registry opens.
#pragma once

#include <soci/soci.h>

#include "registry/location.hpp"

namespace itaku::detail {

// The newest schema version this binary knows.
int latest_schema_version() noexcept;

// Applies every migration newer than the database's version, each in its own transaction, and
// returns the resulting version. Throws itaku::Error kFailedPrecondition when the database is
// newer than this binary.
int apply_migrations(soci::session& sql, Backend backend);

}  // namespace itaku::detail
