// A fingerprint of what a registry database holds, to show that itaku and a baseline wrote the
// same rows: row counts per table, the shared rows (vendors, certifications, persons) verbatim,
// and sums over the columns of the large tables. Timestamps and hashes are left out (they
// depend on when each ran).
#pragma once

#include <map>
#include <string>

namespace itaku::bench {

using StoreSummary = std::map<std::string, std::string>;  // fact -> value

StoreSummary summarise_sqlite(const std::string& database);
StoreSummary summarise_postgresql(const std::string& url);

// One line per fact that differs ("fact: itaku … / baseline …"); empty when they agree.
std::string differences(const StoreSummary& itaku, const StoreSummary& baseline);

}  // namespace itaku::bench
