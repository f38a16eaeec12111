// How many worker threads a command uses unless told: every core helps, and the order of what
// it writes never depends on the number.
#pragma once

#include <algorithm>
#include <thread>

namespace itaku::cli {

inline unsigned default_jobs() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : std::min(cores, 8u);
}

}  // namespace itaku::cli
