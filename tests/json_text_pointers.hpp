// The JSON Pointer of every text value in a document: the tests that put hostile text into each
// field of a record (validation in core, review and writes over REST) walk the same list.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace itaku::test {

inline void collect_text_pointers(const nlohmann::json& value, const std::string& pointer,
                                  std::vector<std::string>& out) {
  if (value.is_string()) out.push_back(pointer);
  if (value.is_object()) {
    for (const auto& [name, member] : value.items()) collect_text_pointers(member, pointer + "/" + name, out);
  }
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      collect_text_pointers(value[i], pointer + "/" + std::to_string(i), out);
    }
  }
}

inline std::vector<std::string> text_pointers(const nlohmann::json& value) {
  std::vector<std::string> pointers;
  collect_text_pointers(value, "", pointers);
  return pointers;
}

}  // namespace itaku::test
