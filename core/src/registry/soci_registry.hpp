// The SOCI implementation of Registry (SQLite and PostgreSQL). The only place with SQL.
#pragma once

#include <memory>

#include "itaku/registry/registry.hpp"
#include "registry/location.hpp"

namespace itaku::detail {

// Connects and applies migrations; throws itaku::Error (see Registry::open).
std::unique_ptr<Registry> open_soci_registry(const DatabaseLocation& location, Registry::OpenMode mode);

}  // namespace itaku::detail
