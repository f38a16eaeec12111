// The time stamps the registry writes: UTC, ISO 8601 to the second (2026-11-26T23:40:12Z).
#pragma once

#include <string>

namespace itaku::detail {

std::string utc_timestamp();

}  // namespace itaku::detail
