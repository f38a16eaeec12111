#include "ledger_writer.hpp"

#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace itaku::bench {
namespace {

using nlohmann::json;

bool is_date_field(const std::string& path) {
  for (const char* suffix : {".date", ".start", ".end", ".valid_until", ".return_confirmed_on"}) {
    const std::string tail(suffix);
    if (path.size() > tail.size() && path.compare(path.size() - tail.size(), tail.size(), tail) == 0) return true;
  }
  return false;
}

// "2024-04-01" as 令和6年4月1日 (平成 before 2019-05-01).
std::string wareki(const std::string& iso) {
  const int year = std::stoi(iso.substr(0, 4)), month = std::stoi(iso.substr(5, 2)), day = std::stoi(iso.substr(8, 2));
  const bool reiwa = year > 2019 || (year == 2019 && month >= 5);
  const int era_year = reiwa ? year - 2018 : year - 1988;
  return std::string(reiwa ? "令和" : "平成") + (era_year == 1 ? std::string("元") : std::to_string(era_year)) + "年" +
         std::to_string(month) + "月" + std::to_string(day) + "日";
}

std::string full_width_digits(const std::string& digits) {
  std::string out;
  for (const char c : digits) out += std::string("\xEF\xBC") + static_cast<char>(0x90 + (c - '0'));
  return out;
}

std::string cell_text(const std::string& path, const json& value) {
  if (value.is_boolean()) return value.get<bool>() ? "有" : "無";
  if (value.is_number()) return value.dump();
  if (value.is_array()) {
    std::string joined;
    for (const auto& item : value) joined += (joined.empty() ? "" : "、") + item.get<std::string>();
    return joined;
  }
  const std::string text = value.get<std::string>();
  if (is_date_field(path)) return wareki(text);
  if (path == "vendor.corporate_number") return full_width_digits(text);
  return text;
}

// Leaf values by dotted path; a list of text is one cell, a list of objects is indexed.
void flatten(const json& value, const std::string& path, std::map<std::string, json>& out) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) flatten(child, path.empty() ? key : path + "." + key, out);
  } else if (value.is_array() && !value.empty() && value.front().is_object()) {
    for (std::size_t i = 0; i < value.size(); ++i) flatten(value[i], path + "." + std::to_string(i), out);
  } else {
    out[path] = value;
  }
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string header_of(const std::string& path) { return "台帳の" + path; }

}  // namespace

void write_office_ledger(const std::filesystem::path& records_jsonl, const std::filesystem::path& ledger_csv,
                         const std::filesystem::path& mapping_json) {
  // Two passes: the columns are every path any record has, known before the first row.
  std::vector<std::string> paths;
  {
    std::map<std::string, bool> seen;
    std::ifstream in(records_jsonl);
    std::string line;
    while (std::getline(in, line)) {
      std::map<std::string, json> fields;
      flatten(json::parse(line), "", fields);
      for (const auto& [path, value] : fields) {
        if (path != "ref" && seen.emplace(path, true).second) paths.push_back(path);
      }
    }
  }
  json mapping = {{"ref", "BENCH-{番号}"}, {"columns", json::object()}};
  for (const auto& path : paths) mapping["columns"][header_of(path)] = path;
  std::ofstream(mapping_json) << mapping.dump(2) << "\n";

  std::ofstream out(ledger_csv, std::ios::binary);
  std::string row = "番号";
  for (const auto& path : paths) row += "," + csv_field(header_of(path));
  out << row << "\r\n";
  std::ifstream in(records_jsonl);
  std::string line;
  while (std::getline(in, line)) {
    std::map<std::string, json> fields;
    flatten(json::parse(line), "", fields);
    const std::string ref = fields.at("ref").get<std::string>();
    const std::string prefix = "BENCH-";
    if (ref.rfind(prefix, 0) != 0) throw std::runtime_error("unexpected ref " + ref);
    row = ref.substr(prefix.size());
    for (const auto& path : paths) {
      const auto field = fields.find(path);
      row += "," + (field == fields.end() ? std::string() : csv_field(cell_text(path, field->second)));
    }
    out << row << "\r\n";
  }
  if (!out) throw std::runtime_error("cannot write " + ledger_csv.string());
}

}  // namespace itaku::bench
