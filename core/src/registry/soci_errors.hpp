// SOCI's exceptions stop here: each is mapped to an itaku::Error with a stable code.
#pragma once

#include <string>

namespace itaku::detail {

// Call only from inside a catch block: rethrows the active exception as itaku::Error, its
// message beginning with `context` ("importing R7-001", "opening sqlite3:/x.db"). Codes a caller
// is answered with as its own mistake (kAlreadyExists for a duplicate key, kInvalidArgument) carry
// none of SOCI's SQL or bound values; kInternal and kUnavailable keep them for the log (the REST
// API never sends those messages, README.md "The REST API").
[[noreturn]] void rethrow_database_error(const std::string& context);

}  // namespace itaku::detail
