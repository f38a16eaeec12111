// The raw baselines `itaku import` is measured against. Each reads the JSON Lines file, parses
// every line with nlohmann::json (as itaku must), validates nothing, and writes the rows
// RowPlanner plans (the same rows itaku writes) by the shortest path its database offers.
#pragma once

#include <string>

namespace itaku::bench {

// SQLite C API: WAL, synchronous=NORMAL, foreign keys on (as itaku opens it), one transaction,
// one prepared INSERT per table re-bound for every row. `database` must not exist yet.
void load_sqlite_baseline(const std::string& records_file, const std::string& database,
                          const std::string& migrations_dir, const std::string& actor);

// Records per round of COPYs in the PostgreSQL baseline: ~5 MB of rows, few round trips, bounded memory.
inline constexpr int kCopyBatchRecords = 5000;

// libpq: COPY FROM STDIN (text format) per table in batches of records, one transaction, ids
// assigned by the client and the sequences advanced at the end. `url` names an empty database.
void load_postgresql_baseline(const std::string& records_file, const std::string& url,
                              const std::string& migrations_dir, const std::string& actor);

}  // namespace itaku::bench
