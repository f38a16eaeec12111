// The server's log (stderr, where `itaku serve` writes): what a client must not see goes here,
// under an id the client is given instead, so that an operator can find it from a report.
#pragma once

#include <string>

namespace itaku::rest {

// Writes `detail` to the log as one entry and returns its id (16 hex digits, random, so that ids
// from different runs of the server do not collide).
std::string log_fault(const std::string& detail);

}  // namespace itaku::rest
