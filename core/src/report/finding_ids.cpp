#include "report/finding_ids.hpp"

#include <cstddef>

namespace itaku::detail {

namespace {

struct NumberedId {
  std::string_view prefix;  // "OUT-"
  std::string_view digits;  // "07"; empty when the ID does not end in a number
  unsigned long value = 0;
};

NumberedId split_id(std::string_view id) {
  std::size_t start = id.size();
  while (start > 0 && id[start - 1] >= '0' && id[start - 1] <= '9') --start;
  NumberedId split{id.substr(0, start), id.substr(start), 0};
  if (split.digits.size() > 9) split.digits = {};  // too long to be a catalogue number: stands alone
  for (char c : split.digits) split.value = split.value * 10 + static_cast<unsigned long>(c - '0');
  return split;
}

// The next ID continues the run: same prefix, same width, the next number.
bool continues(const NumberedId& last, const NumberedId& next) {
  return !last.digits.empty() && !next.digits.empty() && last.prefix == next.prefix &&
         last.digits.size() == next.digits.size() && next.value == last.value + 1;
}

}  // namespace

std::string compact_ids(const std::vector<std::string_view>& ids, std::string_view range_mark) {
  std::string text;
  std::size_t i = 0;
  while (i < ids.size()) {
    std::size_t end = i + 1;
    NumberedId last = split_id(ids[i]);
    while (end < ids.size()) {
      const NumberedId next = split_id(ids[end]);
      if (!continues(last, next)) break;
      last = next;
      ++end;
    }
    if (!text.empty()) text += ", ";
    text += ids[i];
    if (end - i > 1) {
      text += range_mark;
      text += last.digits;
    }
    i = end;
  }
  return text;
}

std::vector<IdsOfSeverity> ids_by_severity(const std::vector<Finding>& findings, std::string_view range_mark) {
  std::vector<IdsOfSeverity> groups;
  std::vector<std::string_view> ids;
  for (Severity severity : {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow}) {
    ids.clear();
    for (const Finding& finding : findings) {
      if (finding.severity == severity) ids.push_back(finding.id);
    }
    if (!ids.empty()) groups.push_back({severity, compact_ids(ids, range_mark)});
  }
  return groups;
}

}  // namespace itaku::detail
