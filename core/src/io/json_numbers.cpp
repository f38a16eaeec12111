#include "itaku/io/json_numbers.hpp"

#include <cstddef>
#include <vector>

#include <nlohmann/json.hpp>

#include "schema/json_pointer.hpp"

namespace itaku {
namespace {

using nlohmann::json;

// Follows where the parser is (object key or array index per level) and stops at the first
// overflowing number. Nothing is built: the document is only walked.
class PointerTrackingSax {
 public:
  bool null() { return value_done(); }
  bool boolean(bool) { return value_done(); }
  bool number_integer(json::number_integer_t) { return value_done(); }
  bool number_unsigned(json::number_unsigned_t) { return value_done(); }
  bool number_float(json::number_float_t, const json::string_t&) { return value_done(); }
  bool string(json::string_t&) { return value_done(); }
  bool binary(json::binary_t&) { return value_done(); }
  bool start_object(std::size_t) {
    levels_.push_back(Level{false, 0, {}});
    return true;
  }
  bool key(json::string_t& name) {
    levels_.back().key = name;
    return true;
  }
  bool end_object() {
    levels_.pop_back();
    return value_done();
  }
  bool start_array(std::size_t) {
    levels_.push_back(Level{true, 0, {}});
    return true;
  }
  bool end_array() {
    levels_.pop_back();
    return value_done();
  }
  bool parse_error(std::size_t, const std::string& token, const nlohmann::detail::exception& error) {
    if (error.id == 406) {
      std::string pointer;
      for (const auto& level : levels_) {
        detail::append_pointer_segment(pointer, level.is_array ? std::to_string(level.index) : level.key);
      }
      found_ = OverflowingNumber{std::move(pointer), token.size() > 40 ? token.substr(0, 40) + "…" : token};
    }
    return false;
  }

  std::optional<OverflowingNumber> found() && { return std::move(found_); }

 private:
  struct Level {
    bool is_array;
    std::size_t index;
    std::string key;
  };

  bool value_done() {
    if (!levels_.empty() && levels_.back().is_array) ++levels_.back().index;
    return true;
  }

  std::vector<Level> levels_;
  std::optional<OverflowingNumber> found_;
};

}  // namespace

std::optional<OverflowingNumber> find_overflowing_number(std::string_view text) {
  PointerTrackingSax sax;
  json::sax_parse(text, &sax, json::input_format_t::json, /*strict=*/true, /*ignore_comments=*/false);
  return std::move(sax).found();
}

std::string overflowing_number_message(const OverflowingNumber& number) {
  const std::string where = number.pointer.empty() ? std::string("/") : number.pointer;
  return "数値が大きすぎます（" + where + ": " + number.text + "） / number out of range at " + where + ": '" +
         number.text + "' does not fit a 64-bit floating-point number";
}

}  // namespace itaku
