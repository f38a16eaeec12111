// Synthetic engagement records for benchmarks: valid, about 1 KB each, a realistic mix of the
// three kinds, tiers and findings, deterministic for a given seed.
#pragma once

#include <cstddef>
#include <ostream>

namespace itaku::bench {

// Writes `count` records as JSON Lines; returns the number of bytes written.
std::size_t write_synthetic_records(std::ostream& out, std::size_t count, unsigned seed = 20250601);

}  // namespace itaku::bench
