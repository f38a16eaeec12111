// Helpers shared by the record-source tests: temporary input files with unique names, the
// FieldTypes built from the real schemas, and draining a source.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "itaku/io/field_types.hpp"
#include "itaku/io/record_source.hpp"

namespace itaku::test {

// A file under the system temporary directory, removed when the object goes out of scope.
class TempFile {
 public:
  // `extension` includes the dot (".jsonl"); `content` is written byte for byte.
  TempFile(std::string_view extension, std::string_view content) {
    static std::atomic<unsigned> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("itaku-test-io-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + std::string(extension));
    std::ofstream out(path_, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

inline nlohmann::json load_json_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// The FieldTypes the product builds, from the schema files in the source tree.
inline const FieldTypes& schema_field_types() {
  static const FieldTypes types = [] {
    const std::filesystem::path dir = ITAKU_SOURCE_DIR "/schemas/";
    std::map<std::string, nlohmann::json> sections;
    for (const char* section : {"contractor", "cloud", "social_media"}) {
      sections[section] = load_json_file(dir / (std::string(section) + ".schema.json"));
    }
    return FieldTypes(load_json_file(dir / "engagement.schema.json"), std::move(sections));
  }();
  return types;
}

inline std::vector<SourceRecord> read_all(RecordSource& source) {
  std::vector<SourceRecord> records;
  while (auto record = source.next()) records.push_back(std::move(*record));
  return records;
}

// Opens `path`, requiring success (the test fails with the status message otherwise).
inline std::unique_ptr<RecordSource> open_ok(const std::string& path, const FieldTypes& types = schema_field_types()) {
  Result<std::unique_ptr<RecordSource>> opened = open_record_source(path, types);
  if (!opened.is_ok()) throw std::runtime_error("open_record_source failed: " + opened.status().to_string());
  return std::move(opened).value();
}

// A message must be valid UTF-8 to be written to a JSON report; nlohmann's dump() checks that.
inline bool is_utf8_text(const std::string& text) {
  try {
    (void)nlohmann::json(text).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

}  // namespace itaku::test
