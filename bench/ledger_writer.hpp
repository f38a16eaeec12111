// Writes synthetic records as an office would keep them in a contract ledger (docs/ledger.md):
// a CSV with a header per field, dates in 和暦 (令和6年4月1日), true/false as 有/無, 法人番号 in
// full-width digits, lists joined with 、 — and the MAP.json that maps it back. Importing the
// ledger with the mapping stores the same rows as importing the JSON Lines it came from.
#pragma once

#include <filesystem>

namespace itaku::bench {

void write_office_ledger(const std::filesystem::path& records_jsonl, const std::filesystem::path& ledger_csv,
                         const std::filesystem::path& mapping_json);

}  // namespace itaku::bench
