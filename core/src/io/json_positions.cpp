#include "io/json_positions.hpp"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

namespace itaku::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Moves `at` from `from` to `to`, counting lines and columns over the bytes passed.
void advance(std::string_view text, TextPlace& at, std::size_t to) {
  for (std::size_t i = at.offset; i < to && i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++at.line;
      at.column = 1;
    } else if ((byte & 0xC0) != 0x80) {
      ++at.column;  // a continuation byte is part of the character counted before it
    }
  }
  at.offset = std::min(to, text.size());
}

std::size_t skip_spaces(std::string_view text, std::size_t i) {
  while (i < text.size() && is_space(text[i])) ++i;
  return i;
}

// The end of the string starting at `i` (at its opening quote): the byte after the closing quote.
std::size_t skip_string(std::string_view text, std::size_t i) {
  for (++i; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return text.size();
}

// The end of the value starting at `i`. Nesting is counted, not recursed into: depth costs nothing.
std::size_t skip_value(std::string_view text, std::size_t i) {
  if (i >= text.size()) return i;
  if (text[i] == '"') return skip_string(text, i);
  if (text[i] == '{' || text[i] == '[') {
    std::size_t depth = 0;
    while (i < text.size()) {
      const char c = text[i];
      if (c == '"') {
        i = skip_string(text, i);
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth == 0) return i + 1;
      }
      ++i;
    }
    return i;
  }
  while (i < text.size() && !is_space(text[i]) && text[i] != ',' && text[i] != ']' && text[i] != '}') ++i;
  return i;
}

// The decoded text of the JSON string at [begin, end), or nullopt when it is not one.
std::optional<std::string> decoded_string(std::string_view text, std::size_t begin, std::size_t end) {
  try {
    const auto value = nlohmann::json::parse(text.substr(begin, end - begin));
    if (value.is_string()) return value.get<std::string>();
  } catch (const nlohmann::json::exception&) {
  }
  return std::nullopt;
}

// The unescaped segments of a JSON Pointer (RFC 6901: ~1 is '/', ~0 is '~').
std::vector<std::string> pointer_segments(std::string_view pointer) {
  std::vector<std::string> segments;
  if (pointer.empty()) return segments;
  std::size_t start = 1;
  while (start <= pointer.size()) {
    std::size_t end = pointer.find('/', start);
    if (end == std::string_view::npos) end = pointer.size();
    std::string segment;
    for (std::size_t i = start; i < end; ++i) {
      if (pointer[i] == '~' && i + 1 < end && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
        segment += pointer[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        segment += pointer[i];
      }
    }
    segments.push_back(std::move(segment));
    start = end + 1;
  }
  return segments;
}

// The offset of the member value or element `segment` names in the container starting at `i`.
std::optional<std::size_t> child_at(std::string_view text, std::size_t i, const std::string& segment) {
  if (i >= text.size()) return std::nullopt;
  if (text[i] == '{') {
    i = skip_spaces(text, i + 1);
    while (i < text.size() && text[i] == '"') {
      const std::size_t key_end = skip_string(text, i);
      const auto key = decoded_string(text, i, key_end);
      i = skip_spaces(text, key_end);
      if (i >= text.size() || text[i] != ':') return std::nullopt;
      i = skip_spaces(text, i + 1);
      if (key && *key == segment) return i;
      i = skip_spaces(text, skip_value(text, i));
      if (i >= text.size() || text[i] != ',') return std::nullopt;
      i = skip_spaces(text, i + 1);
    }
    return std::nullopt;
  }
  if (text[i] == '[') {
    if (segment.empty() || segment.size() > 9 || segment.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    std::size_t wanted = std::stoul(segment);
    i = skip_spaces(text, i + 1);
    while (i < text.size() && text[i] != ']') {
      if (wanted-- == 0) return i;
      i = skip_spaces(text, skip_value(text, i));
      if (i >= text.size() || text[i] != ',') return std::nullopt;
      i = skip_spaces(text, i + 1);
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<TextPlace> top_level_places(std::string_view text) {
  std::vector<TextPlace> places;
  TextPlace at;
  std::size_t i = skip_spaces(text, 0);
  if (i >= text.size()) return places;
  if (text[i] != '[') {
    advance(text, at, i);
    places.push_back(at);
    return places;
  }
  i = skip_spaces(text, i + 1);
  while (i < text.size() && text[i] != ']') {
    advance(text, at, i);
    places.push_back(at);
    i = skip_spaces(text, skip_value(text, i));
    if (i >= text.size() || text[i] != ',') break;
    i = skip_spaces(text, i + 1);
  }
  return places;
}

std::optional<TextPlace> place_of_pointer(std::string_view text, const TextPlace& start, std::string_view pointer) {
  if (start.offset >= text.size()) return std::nullopt;
  std::size_t i = start.offset;
  for (const std::string& segment : pointer_segments(pointer)) {
    const auto child = child_at(text, i, segment);
    if (!child) break;  // absent: the place of what encloses it
    i = *child;
  }
  TextPlace place = start;
  advance(text, place, i);
  return place;
}

}  // namespace itaku::detail
