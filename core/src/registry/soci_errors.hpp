// SOCI's exceptions stop here: each is mapped to an itaku::Error with a stable code.
#pragma once

#include <string>

namespace itaku::detail {

// Call only from inside a catch block: rethrows the active exception as itaku::Error, its
// message beginning with `context` ("importing R7-001", "opening sqlite3:/x.db").
[[noreturn]] void rethrow_database_error(const std::string& context);

}  // namespace itaku::detail
