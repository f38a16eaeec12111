// Where tests find their data: the real public data beside the checkout when present (as in CI
// and on developers' machines), else the copies kept under tests/fixtures/realdata.
#pragma once

#include <filesystem>
#include <string>

namespace itaku::test {

inline std::filesystem::path realdata_file(const std::string& name) {
  const std::filesystem::path shared = std::filesystem::path(ITAKU_SOURCE_DIR) / ".." / "shared" / "realdata" / name;
  if (std::filesystem::exists(shared)) return shared;
  return std::filesystem::path(ITAKU_FIXTURES_DIR) / "realdata" / name;
}

inline std::filesystem::path fixture(const std::string& name) {
  return std::filesystem::path(ITAKU_FIXTURES_DIR) / name;
}

}  // namespace itaku::test
