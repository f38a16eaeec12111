// Reads an .xlsx workbook back for the tests, the way any reader of Office Open XML would: the
// ZIP opened with libzip, the parts parsed with pugixml. Sheets are found by name through
// xl/workbook.xml and its relationships; a cell by its reference ("B2"), with its type (t), raw
// value (v), the text it shows (shared strings resolved, "_xHHHH_" escapes decoded) and the
// number format of its style.
#pragma once

#include <zip.h>

#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <pugixml.hpp>

namespace itaku::test {

// What an Office Open XML reader shows for the text of a cell: "_x000D_" is a carriage return,
// "_x005F_x0041_" the text "_x0041_".
inline std::string decode_cell_escapes(const std::string& text) {
  std::string out;
  const auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t i = 0; i < text.size();) {
    if (i + 7 <= text.size() && text[i] == '_' && text[i + 1] == 'x' && hex(text[i + 2]) && hex(text[i + 3]) &&
        hex(text[i + 4]) && hex(text[i + 5]) && text[i + 6] == '_') {
      const unsigned long code = std::stoul(text.substr(i + 2, 4), nullptr, 16);
      if (code < 0x80) {
        out += static_cast<char>(code);
      } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
      } else {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
      }
      i += 7;
    } else {
      out += text[i++];
    }
  }
  return out;
}

struct ReadCell {
  bool present = false;
  std::string type;   // the t attribute: "s" shared string, "b" boolean, "" a number
  std::string value;  // the <v> text
  std::string text;   // what it shows: the string, else the value
  unsigned style = 0;
  std::string number_format;  // formatCode of its style's numFmt ("" for General)
};

class ReadSheet {
 public:
  ReadSheet(std::shared_ptr<pugi::xml_document> document, const std::vector<std::string>* strings,
            const std::map<unsigned, std::string>* formats)
      : document_(std::move(document)), strings_(strings), formats_(formats) {}

  pugi::xml_node root() const { return document_->child("worksheet"); }

  ReadCell cell(const std::string& reference) const {
    ReadCell cell;
    const pugi::xml_node node =
        root().child("sheetData").find_node([&](pugi::xml_node n) {
          return std::string(n.name()) == "c" && reference == n.attribute("r").value();
        });
    if (!node) return cell;
    cell.present = true;
    cell.type = node.attribute("t").value();
    cell.value = node.child("v").text().get();
    cell.style = node.attribute("s").as_uint();
    if (cell.type == "s") {
      const auto index = static_cast<std::size_t>(std::stoul(cell.value));
      cell.text = index < strings_->size() ? (*strings_)[index] : std::string("?");
    } else if (cell.type == "inlineStr") {
      cell.text = decode_cell_escapes(node.child("is").child("t").text().get());
    } else {
      cell.text = cell.value;
    }
    if (const auto format = formats_->find(cell.style); format != formats_->end()) cell.number_format = format->second;
    return cell;
  }

  // The texts of row `row` (1-based, as Excel numbers them), from column A to the last cell.
  std::vector<std::string> row_texts(unsigned row) const {
    std::vector<std::string> texts;
    for (pugi::xml_node r : root().child("sheetData").children("row")) {
      if (r.attribute("r").as_uint() != row) continue;
      for (pugi::xml_node c : r.children("c")) {
        const std::string reference = c.attribute("r").value();
        const std::size_t column = column_index(reference);
        if (texts.size() <= column) texts.resize(column + 1);
        texts[column] = cell(reference).text;
      }
    }
    return texts;
  }

  // How many <row> elements sheetData has.
  std::size_t row_count() const {
    std::size_t count = 0;
    for (pugi::xml_node r : root().child("sheetData").children("row")) {
      (void)r;
      ++count;
    }
    return count;
  }

  // The A1-style reference of the header cell whose text is `header` (row 1), "" if none.
  std::string column_of(const std::string& header) const {
    const std::vector<std::string> headers = row_texts(1);
    for (std::size_t i = 0; i < headers.size(); ++i) {
      if (headers[i] == header) return column_name(i);
    }
    return {};
  }

  pugi::xml_node pane() const { return root().child("sheetViews").child("sheetView").child("pane"); }
  std::string autofilter() const { return root().child("autoFilter").attribute("ref").value(); }
  std::string dimension() const { return root().child("dimension").attribute("ref").value(); }

  static std::string column_name(std::size_t index) {
    std::string name;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    return name;
  }

 private:
  static std::size_t column_index(const std::string& reference) {
    std::size_t index = 0;
    for (char c : reference) {
      if (c < 'A' || c > 'Z') break;
      index = index * 26 + static_cast<std::size_t>(c - 'A' + 1);
    }
    return index - 1;
  }

  std::shared_ptr<pugi::xml_document> document_;
  const std::vector<std::string>* strings_;
  const std::map<unsigned, std::string>* formats_;
};

class ReadWorkbook {
 public:
  // Throws std::runtime_error when `bytes` is not a ZIP file or a part is missing.
  explicit ReadWorkbook(const std::string& bytes) : bytes_(bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes_.data(), bytes_.size(), 0, &error);
    if (source == nullptr) throw std::runtime_error("zip_source_buffer_create failed");
    archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (archive_ == nullptr) {
      zip_source_free(source);
      throw std::runtime_error("not a ZIP file");
    }
    read_shared_strings();
    read_number_formats();
    read_sheet_list();
  }
  ~ReadWorkbook() {
    if (archive_ != nullptr) zip_discard(archive_);
  }
  ReadWorkbook(const ReadWorkbook&) = delete;
  ReadWorkbook& operator=(const ReadWorkbook&) = delete;

  static ReadWorkbook from_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return ReadWorkbook(bytes.str());
  }

  bool has_part(const std::string& name) const { return zip_name_locate(archive_, name.c_str(), 0) >= 0; }

  std::string part(const std::string& name) const {
    zip_stat_t stat;
    if (zip_stat(archive_, name.c_str(), 0, &stat) != 0) throw std::runtime_error("no part " + name);
    zip_file_t* file = zip_fopen(archive_, name.c_str(), 0);
    if (file == nullptr) throw std::runtime_error("cannot open part " + name);
    std::string text(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t got = zip_fread(file, text.data(), stat.size);
    zip_fclose(file);
    if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) throw std::runtime_error("short read of " + name);
    return text;
  }

  const std::vector<std::string>& sheet_names() const { return sheet_names_; }
  const std::vector<std::string>& shared_strings() const { return strings_; }

  ReadSheet sheet(const std::string& name) const {
    const auto path = sheet_paths_.find(name);
    if (path == sheet_paths_.end()) throw std::runtime_error("no sheet " + name);
    return ReadSheet(parse(part(path->second)), &strings_, &formats_);
  }

 private:
  static std::shared_ptr<pugi::xml_document> parse(const std::string& text) {
    auto document = std::make_shared<pugi::xml_document>();
    const pugi::xml_parse_result result = document->load_buffer(text.data(), text.size());
    if (!result) throw std::runtime_error(std::string("bad XML: ") + result.description());
    return document;
  }

  void read_shared_strings() {
    if (!has_part("xl/sharedStrings.xml")) return;
    const auto document = parse(part("xl/sharedStrings.xml"));
    for (pugi::xml_node si : document->child("sst").children("si")) {
      std::string text;
      for (const pugi::xpath_node& t : si.select_nodes(".//t")) text += t.node().text().get();
      strings_.push_back(decode_cell_escapes(text));
    }
  }

  void read_number_formats() {
    const auto document = parse(part("xl/styles.xml"));
    const pugi::xml_node styles = document->child("styleSheet");
    std::map<unsigned, std::string> codes;
    for (pugi::xml_node format : styles.child("numFmts").children("numFmt")) {
      codes[format.attribute("numFmtId").as_uint()] = format.attribute("formatCode").value();
    }
    unsigned index = 0;
    for (pugi::xml_node xf : styles.child("cellXfs").children("xf")) {
      const auto code = codes.find(xf.attribute("numFmtId").as_uint());
      if (code != codes.end()) formats_[index] = code->second;
      ++index;
    }
  }

  void read_sheet_list() {
    const auto relationships = parse(part("xl/_rels/workbook.xml.rels"));
    std::map<std::string, std::string> targets;
    for (pugi::xml_node relationship : relationships->child("Relationships").children("Relationship")) {
      targets[relationship.attribute("Id").value()] = relationship.attribute("Target").value();
    }
    const auto workbook = parse(part("xl/workbook.xml"));
    for (pugi::xml_node sheet : workbook->child("workbook").child("sheets").children("sheet")) {
      const std::string name = sheet.attribute("name").value();
      sheet_names_.push_back(name);
      sheet_paths_[name] = "xl/" + targets[sheet.attribute("r:id").value()];
    }
  }

  std::string bytes_;
  zip_t* archive_ = nullptr;
  std::vector<std::string> strings_;
  std::map<unsigned, std::string> formats_;  // by style index
  std::vector<std::string> sheet_names_;
  std::map<std::string, std::string> sheet_paths_;
};

}  // namespace itaku::test
