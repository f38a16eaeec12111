// RFC 6901 JSON Pointers, built one segment at a time.
#pragma once

#include <string>
#include <string_view>

namespace itaku::detail {

inline void append_pointer_segment(std::string& pointer, std::string_view segment) {
  pointer += '/';
  for (char c : segment) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
}

inline std::string pointer_child(std::string pointer, std::string_view segment) {
  append_pointer_segment(pointer, segment);
  return pointer;
}

}  // namespace itaku::detail
