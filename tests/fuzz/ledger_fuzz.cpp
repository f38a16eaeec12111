// An office ledger read through a mapping (core/src/io/ledger_*.cpp). The input is a MAP.json and
// a CSV ledger, split at the first NUL byte (none: the input is the ledger, under a fixed
// mapping). Opening may fail with itaku::Error's message; reading must then give records or
// bilingual problems, never crash, whatever the bytes and their encoding.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz_support.hpp"
#include "io/xlsx_reader.hpp"
#include "itaku/io/ledger.hpp"
#include "itaku/schema/schemas.hpp"

namespace {

const char* const kMapping = R"({"ref": "K-{番号}", "columns": {"件名": "title", "所管課": "department",
  "契約日": "period.start", "業者名": "vendor.name", "法人番号": "vendor.corporate_number",
  "個人情報": "information.personal_data", "機密性": "information.confidentiality", "条項": "clauses"},
  "defaults": {"kind": "contractor", "information.integrity": 1, "information.availability": 1}})";

const std::filesystem::path& ledger_file() {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("itaku-fuzz-ledger-" + std::to_string(::getpid()) + ".csv");
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const itaku::FieldTypes& types = *new itaku::FieldTypes(itaku::field_types_for(itaku::fuzz::real_plugins()));
  const std::string_view input = itaku::fuzz::as_text(data, size);
  const std::size_t split = input.find('\0');
  const std::string mapping_text = split == std::string_view::npos ? kMapping : std::string(input.substr(0, split));
  const std::string_view ledger = split == std::string_view::npos ? input : input.substr(split + 1);

  const nlohmann::json document = nlohmann::json::parse(mapping_text, nullptr, false);
  if (document.is_discarded()) return 0;
  const auto mapping = itaku::parse_ledger_mapping(document, types);
  if (!mapping) {
    itaku::fuzz::require_utf8(mapping.status().message(), "mapping message");
    return 0;
  }
  {
    std::ofstream out(ledger_file(), std::ios::binary | std::ios::trunc);
    out.write(ledger.data(), static_cast<std::streamsize>(ledger.size()));
  }
  auto source = itaku::open_ledger_source(ledger_file().string(), &*mapping, std::nullopt, types);
  if (!source) {
    itaku::fuzz::require_utf8(source.status().message(), "open_ledger_source message");
    return 0;
  }
  while (auto record = (*source)->next()) {
    if (record->json) (void)itaku::fuzz::require_json(record->json->dump(), "record");
    for (const auto& problem : record->further_errors) itaku::fuzz::require_utf8(problem.message(), "cell problem");
  }
  return 0;
}
