// The one table from core error codes to process exit codes (docs/records.md "Exit codes") and to
// the REST API's HTTP statuses.
#pragma once

#include "itaku/error.hpp"

namespace itaku::cli {

inline constexpr int kExitOk = 0;        // every record valid, none at or above --fail-on
inline constexpr int kExitPolicy = 1;    // valid input, but a decision at or above --fail-on
inline constexpr int kExitBadInput = 2;  // an invalid record, an unreadable file, bad options
inline constexpr int kExitInternal = 3;  // internal error: broken installation, failing dependency, bug

int exit_code_for(ErrorCode code) noexcept;
int http_status_for(ErrorCode code) noexcept;

}  // namespace itaku::cli
