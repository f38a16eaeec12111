// .xlsx reading: the package's relationships lead from _rels/.rels to the workbook, from the
// workbook to the sheet, the shared strings and the styles; the sheet's cells are then turned
// into text with those. Internally failures throw itaku::Error; read_xlsx_sheet returns them.
#include "io/xlsx_reader.hpp"

#include <pugixml.hpp>
#include <zip.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <new>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

namespace itaku::detail {
namespace {

constexpr std::size_t kMaxColumns = 16384;  // XFD, Excel's last column
constexpr std::size_t kMaxRows = 1048576;   // Excel's last row
// A hostile workbook may hold thousands of sheets; the "sheet not found" message lists this many.
constexpr std::size_t kMaxListedSheets = 20;
// References and names quoted from the file are cut to this many bytes, keeping messages short.
constexpr std::size_t kMaxQuotedBytes = 40;

// Sheet names, format codes and cell references compare without regard to ASCII case; the
// locale must not matter, and bytes of UTF-8 text must stay as they are.
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// ---------------------------------------------------------------------------------------------
// Messages

// Readers split a message at its first " / " into Japanese and English, so a value quoted in
// the Japanese half (a path, a sheet name) must not bring one in.
std::string ja_safe(std::string_view text) {
  std::string safe(text);
  for (std::size_t at = safe.find(" / "); at != std::string::npos; at = safe.find(" / ", at)) {
    safe.replace(at, 3, " ／ ");
  }
  return safe;
}

// Cuts at a UTF-8 character boundary, so the message stays valid UTF-8.
std::string excerpt(std::string_view text) {
  if (text.size() <= kMaxQuotedBytes) return std::string(text);
  std::size_t end = kMaxQuotedBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

[[noreturn]] void fail(ErrorCode code, const std::string& ja, const std::string& en) {
  throw Error(code, ja + " / " + en);
}

std::string ja_sheet(std::string_view name) { return "シート「" + ja_safe(excerpt(name)) + "」"; }
std::string en_sheet(std::string_view name) { return "sheet \"" + excerpt(name) + "\""; }

// ---------------------------------------------------------------------------------------------
// The ZIP package

struct ZipDiscard {
  void operator()(zip_t* zip) const noexcept { zip_discard(zip); }  // read-only: nothing to write back
};
struct ZipFileClose {
  void operator()(zip_file_t* file) const noexcept { zip_fclose(file); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDiscard>;
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileClose>;

std::string libzip_message(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

class Package {
 public:
  Package(const std::string& path, const XlsxLimits& limits) : path_(path), ja_path_(ja_safe(path)), limits_(limits) {
    check_file();
    check_leading_bytes();
    open();
  }

  const std::string& path() const { return path_; }
  const std::string& ja_path() const { return ja_path_; }
  bool has(const std::string& part) const { return locate(part) >= 0; }

  // nullopt when the package has no such part.
  std::optional<std::string> read(const std::string& part) const {
    const zip_int64_t index = locate(part);
    if (index < 0) return std::nullopt;
    const std::uint64_t declared = declared_size(part, index);
    ZipFilePtr file(zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) fail_open_entry(part, zip_error_code_zip(zip_get_error(zip_.get())));
    return read_all(part, file.get(), declared);
  }

  [[noreturn]] void fail_damaged(const std::string& ja_detail, const std::string& en_detail) const {
    fail(ErrorCode::kInvalidArgument, "Excel ブックが壊れています: " + ja_path_ + "（" + ja_detail + "）",
         "damaged Excel workbook " + path_ + ": " + en_detail);
  }

 private:
  void check_file() const {
    std::error_code error;
    const auto status = std::filesystem::status(path_, error);
    if (status.type() == std::filesystem::file_type::not_found) {
      fail(ErrorCode::kNotFound, "ファイルが見つかりません: " + ja_path_, "file not found: " + path_);
    }
    if (error) {
      fail(ErrorCode::kUnavailable, "ファイルを確認できません: " + ja_path_ + "（" + ja_safe(error.message()) + "）",
           "cannot access " + path_ + ": " + error.message());
    }
    if (std::filesystem::is_directory(status)) {
      fail(ErrorCode::kInvalidArgument, "ディレクトリは読めません: " + ja_path_,
           path_ + " is a directory, not an Excel workbook");
    }
  }

  // libzip would open an empty file as an empty archive and report an OLE file only as "not a
  // zip"; the first bytes tell the user what they actually have.
  void check_leading_bytes() const {
    std::ifstream in(path_, std::ios::binary);
    if (!in) {
      fail(ErrorCode::kInvalidArgument, "ファイルを開けません: " + ja_path_,
           "cannot open " + path_ + " (permission denied?)");
    }
    std::array<char, 4> head{};
    in.read(head.data(), head.size());
    if (in.gcount() == 0) {
      fail(ErrorCode::kInvalidArgument, "ファイルが空です: " + ja_path_ + "（Excel ブックではありません）",
           path_ + " is empty, not an Excel workbook");
    }
    constexpr std::array<unsigned char, 4> kOleMagic{0xD0, 0xCF, 0x11, 0xE0};
    if (in.gcount() == 4 && std::equal(head.begin(), head.end(), kOleMagic.begin(),
                                       [](char a, unsigned char b) { return static_cast<unsigned char>(a) == b; })) {
      fail(ErrorCode::kInvalidArgument,
           "古い形式の Excel ファイル (.xls) か、パスワード付きのブックです: " + ja_path_ +
               "（Excel で開き、パスワードを外して「Excel ブック (*.xlsx)」として保存し直してください）",
           path_ +
               " is an old-format Excel file (.xls) or a password-protected workbook: open it in Excel, "
               "remove the password and save it as \"Excel Workbook (*.xlsx)\"");
    }
  }

  void open() {
    int code = 0;
    zip_ = ZipPtr(zip_open(path_.c_str(), ZIP_RDONLY, &code));
    if (zip_) return;
    if (code == ZIP_ER_NOZIP) {
      fail(ErrorCode::kInvalidArgument,
           "Excel ブック (.xlsx) ではありません: " + ja_path_ +
               "（ZIP 形式ではありません。別の形式のファイルか、壊れています）",
           path_ + " is not an Excel workbook (.xlsx): it is not a ZIP archive (another file type, or damaged)");
    }
    if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_SEEK || code == ZIP_ER_MEMORY) {
      fail(ErrorCode::kUnavailable, "ファイルを読めません: " + ja_path_ + "（" + ja_safe(libzip_message(code)) + "）",
           "cannot read " + path_ + ": " + libzip_message(code));
    }
    fail_damaged("ZIP の構造: " + ja_safe(libzip_message(code)), "ZIP structure: " + libzip_message(code));
  }

  // OPC part names compare case-insensitively; the exact name is tried first because libzip
  // looks that up in a hash table rather than scanning every entry.
  zip_int64_t locate(const std::string& part) const {
    const zip_int64_t index = zip_name_locate(zip_.get(), part.c_str(), 0);
    return index >= 0 ? index : zip_name_locate(zip_.get(), part.c_str(), ZIP_FL_NOCASE);
  }

  [[noreturn]] void fail_too_large(const std::string& part) const {
    const std::string mib = std::to_string(limits_.max_part_bytes >> 20);
    fail(ErrorCode::kInvalidArgument,
         "ブック内の " + ja_safe(part) + " が大きすぎます（展開後 " + mib + " MiB まで）: " + ja_path_,
         part + " in " + path_ + " is too large (at most " + mib + " MiB uncompressed)");
  }

  // The uncompressed size the archive records (0 when it records none), refused above the limit
  // before anything is inflated.
  std::uint64_t declared_size(const std::string& part, zip_int64_t index) const {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
      fail_damaged(ja_safe(part) + ": " + ja_safe(zip_strerror(zip_.get())), part + ": " + zip_strerror(zip_.get()));
    }
    if ((stat.valid & ZIP_STAT_SIZE) == 0) return 0;
    if (stat.size > limits_.max_part_bytes) fail_too_large(part);
    return stat.size;
  }

  [[noreturn]] void fail_open_entry(const std::string& part, int code) const {
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP) {
      fail(ErrorCode::kInvalidArgument, "ブック内の " + ja_safe(part) + " が暗号化されていて読めません: " + ja_path_,
           part + " in " + path_ + " is encrypted and cannot be read");
    }
    fail_damaged(ja_safe(part) + ": " + ja_safe(libzip_message(code)), part + ": " + libzip_message(code));
  }

  // The declared size may lie (a zip bomb), so the limit is enforced on what is inflated too;
  // when it is true, the buffer never has to grow (a sheet part can be hundreds of MB).
  std::string read_all(const std::string& part, zip_file_t* file, std::uint64_t declared) const {
    std::string bytes;
    bytes.reserve(static_cast<std::size_t>(declared));
    std::array<char, 1 << 16> chunk;
    zip_int64_t count = 0;
    while ((count = zip_fread(file, chunk.data(), chunk.size())) > 0) {
      if (bytes.size() + static_cast<std::uint64_t>(count) > limits_.max_part_bytes) fail_too_large(part);
      bytes.append(chunk.data(), static_cast<std::size_t>(count));
    }
    if (count < 0) {
      const char* reason = zip_file_strerror(file);
      fail_damaged(ja_safe(part) + ": " + ja_safe(reason), part + ": " + reason);
    }
    return bytes;
  }

  std::string path_;
  std::string ja_path_;
  XlsxLimits limits_;
  ZipPtr zip_;
};

// ---------------------------------------------------------------------------------------------
// XML parts

struct XmlPart {
  std::string bytes;  // parsed in place: the document's strings point into this buffer
  pugi::xml_document document;
};

// Whitespace-only text is kept only where it is an element's whole content (<t> </t> is a cell
// holding a space); pugixml never expands DTD entities, so an entity bomb cannot grow.
// Text that is an element's only content is stored in the element itself (parse_embed_pcdata):
// one node fewer per <v>, i.e. per stored cell of a large sheet.
constexpr unsigned kParseOptions = pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_embed_pcdata;

std::unique_ptr<XmlPart> parse_part(const Package& package, const std::string& part, std::string bytes) {
  auto xml = std::make_unique<XmlPart>();
  xml->bytes = std::move(bytes);
  const pugi::xml_parse_result result =
      xml->document.load_buffer_inplace(xml->bytes.data(), xml->bytes.size(), kParseOptions);
  if (!result) {
    const std::string offset = std::to_string(result.offset);
    package.fail_damaged(
        ja_safe(part) + " の XML が不正です: " + ja_safe(result.description()) + "、" + offset + " バイト目",
        part + " is not well-formed XML: " + result.description() + " at byte offset " + offset);
  }
  return xml;
}

std::unique_ptr<XmlPart> load_part(const Package& package, const std::string& part) {
  std::optional<std::string> bytes = package.read(part);
  if (!bytes) return nullptr;
  return parse_part(package, part, std::move(*bytes));
}

// Elements are matched by local name: other tools write prefixes (x:row), and Strict OOXML uses
// other namespace URIs for the same elements.
std::string_view local_name(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is_element(const pugi::xml_node& node, std::string_view name) {
  return node.type() == pugi::node_element && local_name(node) == name;
}

pugi::xml_node child_named(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node child = parent.first_child(); child; child = child.next_sibling()) {
    if (is_element(child, name)) return child;
  }
  return {};
}

template <typename Visit>
void for_each_child_named(const pugi::xml_node& parent, std::string_view name, Visit&& visit) {
  for (pugi::xml_node child = parent.first_child(); child; child = child.next_sibling()) {
    if (is_element(child, name)) visit(child);
  }
}

pugi::xml_node root_element(const XmlPart& xml) { return xml.document.document_element(); }

// ---------------------------------------------------------------------------------------------
// Relationships

struct Relationship {
  std::string id;
  std::string type;
  std::string part;  // the target, resolved to a part name inside the package
};

std::string directory_of(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// Targets are relative to the source part's folder ("worksheets/sheet1.xml") or absolute from
// the package root ("/xl/worksheets/sheet1.xml"); ".." steps up.
std::string resolve_target(std::string_view source_part, std::string_view target) {
  std::string joined =
      target.starts_with('/') ? std::string(target.substr(1)) : directory_of(source_part) + std::string(target);
  std::vector<std::string_view> segments;
  const std::string_view all = joined;
  for (std::size_t start = 0; start <= all.size();) {
    const std::size_t end = std::min(all.find('/', start), all.size());
    const std::string_view segment = all.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string part;
  for (const std::string_view segment : segments) {
    if (!part.empty()) part += '/';
    part += segment;
  }
  return part;
}

// "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"; the package itself ("") -> "_rels/.rels".
std::string relationships_part_of(std::string_view source_part) {
  const std::size_t slash = source_part.rfind('/');
  const std::string_view file = slash == std::string_view::npos ? source_part : source_part.substr(slash + 1);
  return directory_of(source_part) + "_rels/" + std::string(file) + ".rels";
}

std::vector<Relationship> read_relationships(const Package& package, const std::string& source_part) {
  std::vector<Relationship> relationships;
  const std::unique_ptr<XmlPart> xml = load_part(package, relationships_part_of(source_part));
  if (!xml) return relationships;
  for_each_child_named(root_element(*xml), "Relationship", [&](const pugi::xml_node& node) {
    if (std::string_view(node.attribute("TargetMode").value()) == "External") return;
    relationships.push_back({node.attribute("Id").value(), node.attribute("Type").value(),
                             resolve_target(source_part, node.attribute("Target").value())});
  });
  return relationships;
}

// Types differ between Transitional and Strict OOXML only before the last '/'.
const Relationship* find_by_type(const std::vector<Relationship>& relationships, std::string_view kind) {
  for (const Relationship& relationship : relationships) {
    const std::string_view type = relationship.type;
    if (type.size() > kind.size() && type.ends_with(kind) && type[type.size() - kind.size() - 1] == '/') {
      return &relationship;
    }
  }
  return nullptr;
}

const Relationship* find_by_id(const std::vector<Relationship>& relationships, std::string_view id) {
  for (const Relationship& relationship : relationships) {
    if (relationship.id == id) return &relationship;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// The workbook

struct SheetEntry {
  std::string name;
  std::string relationship_id;
};

struct Workbook {
  std::string part;
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
  std::vector<Relationship> relationships;
};

[[noreturn]] void fail_not_a_workbook(const Package& package) {
  std::string ja_hint = "Word 文書 (.docx) など、Excel ブック以外の ZIP ファイルではありませんか";
  std::string en_hint = "it may be a Word document (.docx) or another kind of ZIP file";
  if (package.has("xl/workbook.bin")) {
    ja_hint = "Excel バイナリブック (.xlsb) です。「Excel ブック (*.xlsx)」として保存し直してください";
    en_hint = "it is an Excel binary workbook (.xlsb): save it as \"Excel Workbook (*.xlsx)\"";
  } else if (package.has("content.xml") && package.has("mimetype")) {
    ja_hint = "OpenDocument 形式 (.ods など) です。「Excel ブック (*.xlsx)」として保存し直してください";
    en_hint = "it is an OpenDocument file (.ods or similar): save it as \"Excel Workbook (*.xlsx)\"";
  }
  fail(
      ErrorCode::kInvalidArgument,
      "Excel ブック (.xlsx) ではありません: " + package.ja_path() + "（xl/workbook.xml がありません。" + ja_hint + "）",
      package.path() + " is not an Excel workbook (.xlsx): it has no xl/workbook.xml; " + en_hint);
}

// The officeDocument relationship names the workbook part; files without one keep it at the
// usual place.
std::string workbook_part_of(const Package& package) {
  const std::vector<Relationship> relationships = read_relationships(package, "");
  const Relationship* office_document = find_by_type(relationships, "officeDocument");
  if (office_document != nullptr && package.has(office_document->part)) return office_document->part;
  return "xl/workbook.xml";
}

bool is_xml_true(std::string_view value) { return value == "1" || value == "true"; }

Workbook read_workbook(const Package& package) {
  Workbook workbook;
  workbook.part = workbook_part_of(package);
  const std::unique_ptr<XmlPart> xml = load_part(package, workbook.part);
  if (!xml || !is_element(root_element(*xml), "workbook")) fail_not_a_workbook(package);
  const pugi::xml_node root = root_element(*xml);
  workbook.date1904 = is_xml_true(child_named(root, "workbookPr").attribute("date1904").value());
  for_each_child_named(child_named(root, "sheets"), "sheet", [&](const pugi::xml_node& sheet) {
    SheetEntry entry{sheet.attribute("name").value(), {}};
    // r:id lives in the relationships namespace, whatever its prefix; sheetId has none.
    for (pugi::xml_attribute attribute = sheet.first_attribute(); attribute; attribute = attribute.next_attribute()) {
      const std::string_view name = attribute.name();
      if (name.size() > 3 && name.ends_with(":id")) entry.relationship_id = attribute.value();
    }
    workbook.sheets.push_back(std::move(entry));
  });
  if (workbook.sheets.empty()) package.fail_damaged("シートが一つもありません", "it lists no sheets");
  workbook.relationships = read_relationships(package, workbook.part);
  return workbook;
}

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

[[noreturn]] void fail_sheet_not_found(const Package& package, const Workbook& workbook, const std::string& wanted) {
  std::string ja_names;
  std::string en_names;
  const std::size_t listed = std::min(workbook.sheets.size(), kMaxListedSheets);
  for (std::size_t i = 0; i < listed; ++i) {
    ja_names += "「" + ja_safe(excerpt(workbook.sheets[i].name)) + "」";
    en_names += (i == 0 ? "\"" : ", \"") + excerpt(workbook.sheets[i].name) + "\"";
  }
  if (listed < workbook.sheets.size()) {
    const std::string more = std::to_string(workbook.sheets.size() - listed);
    ja_names += "ほか " + more + " 件";
    en_names += " and " + more + " more";
  }
  fail(ErrorCode::kNotFound,
       ja_sheet(wanted) + "が見つかりません: " + package.ja_path() + "（このブックのシート: " + ja_names + "）",
       en_sheet(wanted) + " not found in " + package.path() + " (its sheets: " + en_names + ")");
}

// Excel refuses two sheet names that differ only in case, so the case-blind match is unique in
// any workbook Excel wrote.
const SheetEntry& choose_sheet(const Package& package, const Workbook& workbook,
                               const std::optional<std::string>& wanted) {
  if (!wanted) return workbook.sheets.front();
  for (const SheetEntry& entry : workbook.sheets) {
    if (entry.name == *wanted) return entry;
  }
  for (const SheetEntry& entry : workbook.sheets) {
    if (equal_ignoring_ascii_case(entry.name, *wanted)) return entry;
  }
  fail_sheet_not_found(package, workbook, *wanted);
}

std::string sheet_part_of(const Package& package, const Workbook& workbook, const SheetEntry& entry) {
  const Relationship* relationship = find_by_id(workbook.relationships, entry.relationship_id);
  if (relationship == nullptr || !package.has(relationship->part)) {
    package.fail_damaged(ja_sheet(entry.name) + "の中身が見つかりません",
                         en_sheet(entry.name) + " has no worksheet part");
  }
  return relationship->part;
}

// ---------------------------------------------------------------------------------------------
// Text

std::optional<char32_t> hex_escape_at(std::string_view text, std::size_t at) {
  if (at + 7 > text.size() || text[at] != '_' || text[at + 1] != 'x' || text[at + 6] != '_') return std::nullopt;
  unsigned value = 0;
  const char* first = text.data() + at + 2;
  const auto [end, error] = std::from_chars(first, first + 4, value, 16);
  if (error != std::errc() || end != first + 4) return std::nullopt;
  return static_cast<char32_t>(value);
}

void append_utf8(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// The character _xHHHH_ (or a surrogate pair of two) at `at` and its length in bytes; a lone
// surrogate is not a character, so it stays as written.
std::optional<std::pair<char32_t, std::size_t>> escaped_character_at(std::string_view text, std::size_t at) {
  const std::optional<char32_t> unit = hex_escape_at(text, at);
  if (!unit) return std::nullopt;
  if (*unit < 0xD800 || *unit > 0xDFFF) return std::pair{*unit, std::size_t{7}};
  const std::optional<char32_t> low = hex_escape_at(text, at + 7);
  if (*unit > 0xDBFF || !low || *low < 0xDC00 || *low > 0xDFFF) return std::nullopt;
  return std::pair{0x10000 + ((*unit - 0xD800) << 10) + (*low - 0xDC00), std::size_t{14}};
}

// OOXML writes characters XML cannot carry (CR, control characters) as _xHHHH_, and a literal
// "_x" that would look like one as _x005F_x.
std::string decode_escapes(std::string text) {
  std::size_t at = text.find("_x");
  if (at == std::string::npos) return text;
  std::string decoded;
  decoded.reserve(text.size());
  std::size_t copied = 0;
  while (at != std::string::npos) {
    const auto character = escaped_character_at(text, at);
    if (!character) {
      at = text.find("_x", at + 1);
      continue;
    }
    decoded.append(text, copied, at - copied);
    append_utf8(decoded, character->first);
    copied = at + character->second;
    at = text.find("_x", copied);
  }
  decoded.append(text, copied);
  return decoded;
}

void append_text(const pugi::xml_node& element, std::string& out) {
  out += element.value();  // the embedded text (kParseOptions); any CDATA after it follows as nodes
  for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) out += child.value();
  }
}

// A shared string <si> or an inline string <is>: plain <t>, or rich-text runs <r><t>. <rPh> holds
// the furigana Japanese Excel records as one types; it is a reading aid, not the cell's text.
std::string string_item_text(const pugi::xml_node& item) {
  std::string text;
  for (pugi::xml_node child = item.first_child(); child; child = child.next_sibling()) {
    if (is_element(child, "t")) {
      append_text(child, text);
    } else if (is_element(child, "r")) {
      append_text(child_named(child, "t"), text);
    }
  }
  return decode_escapes(std::move(text));
}

std::vector<std::string> read_shared_strings(const Package& package, const Workbook& workbook) {
  const Relationship* relationship = find_by_type(workbook.relationships, "sharedStrings");
  const std::unique_ptr<XmlPart> xml = load_part(package, relationship ? relationship->part : "xl/sharedStrings.xml");
  std::vector<std::string> strings;
  if (!xml) return strings;
  for_each_child_named(root_element(*xml), "si",
                       [&](const pugi::xml_node& item) { strings.push_back(string_item_text(item)); });
  return strings;
}

// ---------------------------------------------------------------------------------------------
// Number formats

// Built-in formats that show a date (with or without a time). 27-36 and 50-58 are the East
// Asian ones, dates in a ja-JP workbook (era dates such as 令和7年4月1日 among them). Left out:
// times of day and durations (18-21, 32-33, 45-47), kept as numbers like custom time formats.
bool is_builtin_date_format(unsigned id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
         (id >= 50 && id <= 58);
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && equal_ignoring_ascii_case(text.substr(0, prefix.size()), prefix);
}

// The date and time letters of a format's first section (the one positive numbers use), one per
// run ("yyyy/m/d" -> "ymd"). Quoted text, [colour/locale/elapsed] brackets, escaped, padding and
// fill characters and AM/PM markers are not codes.
std::string date_time_codes(std::string_view format) {
  std::string codes;
  char previous = 0;
  for (std::size_t i = 0; i < format.size(); ++i) {
    const char c = ascii_lower(format[i]);
    if (c == ';') break;
    std::size_t skip_to = i;
    if (c == '"') {
      skip_to = format.find('"', i + 1);
    } else if (c == '[') {
      skip_to = format.find(']', i + 1);
    } else if (c == '\\' || c == '_' || c == '*') {
      skip_to = i + 1;
    } else if (starts_with_ignoring_case(format.substr(i), "am/pm")) {
      skip_to = i + 4;
    } else if (starts_with_ignoring_case(format.substr(i), "a/p")) {
      skip_to = i + 2;
    }
    if (skip_to == std::string_view::npos) break;
    if (skip_to != i) {
      i = skip_to;
      previous = 0;
      continue;
    }
    const bool is_code = c == 'y' || c == 'm' || c == 'd' || c == 'h' || c == 's';
    if (is_code && c != previous) codes += c;
    previous = is_code ? c : 0;
  }
  return codes;
}

// An "m" right after hours or right before seconds is minutes; any other is the month. A format
// of hours, minutes and seconds only is a time of day (or a duration), not a date.
bool is_date_format_code(std::string_view format) {
  const std::string codes = date_time_codes(format);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] == 'y' || codes[i] == 'd') return true;
    if (codes[i] == 'm') {
      const bool minutes = (i > 0 && codes[i - 1] == 'h') || (i + 1 < codes.size() && codes[i + 1] == 's');
      if (!minutes) return true;
    }
  }
  return false;
}

// By cell format index (a cell's s attribute): whether its number format shows a date.
std::vector<bool> read_date_styles(const Package& package, const Workbook& workbook) {
  const Relationship* relationship = find_by_type(workbook.relationships, "styles");
  const std::unique_ptr<XmlPart> xml = load_part(package, relationship ? relationship->part : "xl/styles.xml");
  std::vector<bool> date_styles;
  if (!xml) return date_styles;
  const pugi::xml_node root = root_element(*xml);
  std::unordered_map<unsigned, bool> custom;  // a workbook may also redefine a built-in id
  for_each_child_named(child_named(root, "numFmts"), "numFmt", [&](const pugi::xml_node& format) {
    custom[format.attribute("numFmtId").as_uint()] = is_date_format_code(format.attribute("formatCode").value());
  });
  for_each_child_named(child_named(root, "cellXfs"), "xf", [&](const pugi::xml_node& xf) {
    const unsigned id = xf.attribute("numFmtId").as_uint();
    const auto found = custom.find(id);
    date_styles.push_back(found != custom.end() ? found->second : is_builtin_date_format(id));
  });
  return date_styles;
}

// ---------------------------------------------------------------------------------------------
// Numbers and dates

// Excel's day serials: 1900 system, day 1 = 1900-01-01, with Lotus 1-2-3's 1900-02-29 (day 60)
// kept, so from day 61 on the count is one ahead; 1904 system, day 0 = 1904-01-01.
std::optional<std::string> serial_to_iso(double serial, bool date1904) {
  constexpr double kLastSerial = 2958466.0;  // 10000-01-01 in the 1900 system
  if (!(serial >= 0.0 && serial < kLastSerial)) return std::nullopt;
  const long long total_seconds = std::llround(serial * 86400.0);
  const long long day = total_seconds / 86400;
  const long long seconds = total_seconds % 86400;
  using namespace std::chrono;
  year_month_day date;
  if (date1904) {
    date = year_month_day{sys_days{year{1904} / 1 / 1} + days{day}};
  } else if (day == 0) {
    return std::nullopt;  // Excel shows "1900-01-00": no real date to give
  } else if (day == 60) {
    date = year{1900} / 2 / 29;  // not a real date either, but what Excel shows; callers reject it
  } else {
    date = year_month_day{sys_days{year{1899} / 12 / (day < 60 ? 31 : 30)} + days{day}};
  }
  if (static_cast<int>(date.year()) > 9999) return std::nullopt;
  std::array<char, 64> text{};
  int length = std::snprintf(text.data(), text.size(), "%04d-%02u-%02u", static_cast<int>(date.year()),
                             static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  if (seconds != 0) {
    length += std::snprintf(text.data() + length, text.size() - static_cast<std::size_t>(length),
                            " %02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
  return std::string(text.data(), static_cast<std::size_t>(length));
}

// Integers print as digits (a 13-digit corporate number stays whole); anything else as the
// shortest text that reads back as the same double.
std::string format_number(double value) {
  std::array<char, 64> text{};
  const bool whole = value == std::trunc(value) && std::fabs(value) < 1e15;
  const std::to_chars_result result =
      whole ? std::to_chars(text.data(), text.data() + text.size(), static_cast<long long>(value))
            : std::to_chars(text.data(), text.data() + text.size(), value);
  return std::string(text.data(), result.ptr);
}

std::string number_text(std::string_view raw, bool date_style, bool date1904) {
  double value = 0;
  const auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
  if (error != std::errc() || end != raw.data() + raw.size() || !std::isfinite(value)) return std::string(raw);
  if (date_style) {
    if (std::optional<std::string> date = serial_to_iso(value, date1904)) return std::move(*date);
  }
  return format_number(value);
}

// t="d" cells hold ISO 8601 text already ("2025-04-01T09:30:00Z"); midnight is a plain date.
std::string iso_cell_text(std::string_view value) {
  const std::size_t t = value.find('T');
  if (t == std::string_view::npos) return std::string(value);
  const std::string_view time = value.substr(t + 1, 8);
  if (time.empty() || time == "00:00:00" || time == "00:00") return std::string(value.substr(0, t));
  return std::string(value.substr(0, t)) + " " + std::string(time);
}

// ---------------------------------------------------------------------------------------------
// The worksheet

struct CellContext {
  const Package& package;
  const std::string& sheet;
  const std::vector<std::string>& shared_strings;
  const std::vector<bool>& date_styles;
  bool date1904 = false;
};

std::string column_letters(std::size_t column) {
  std::string letters;
  for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters;
}

std::string cell_name(std::size_t column, std::size_t row) { return column_letters(column) + std::to_string(row); }

const std::string& shared_string(const CellContext& context, std::string_view raw, std::size_t column,
                                 std::size_t row) {
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), index);
  if (error != std::errc() || end != raw.data() + raw.size() || index >= context.shared_strings.size()) {
    const std::string cell = cell_name(column, row);
    context.package.fail_damaged(ja_sheet(context.sheet) + "のセル " + cell + " が存在しない共有文字列 " +
                                     ja_safe(excerpt(raw)) + " を指しています",
                                 "cell " + cell + " of " + en_sheet(context.sheet) + " refers to shared string " +
                                     excerpt(raw) + ", which does not exist");
  }
  return context.shared_strings[index];
}

std::string cell_text(const pugi::xml_node& cell, const CellContext& context, std::size_t column, std::size_t row) {
  const std::string_view type = cell.attribute("t").value();
  if (type == "inlineStr") return string_item_text(child_named(cell, "is"));
  const pugi::xml_node value_node = child_named(cell, "v");
  if (!value_node) return {};
  const std::string_view value = value_node.child_value();
  if (type == "s") return shared_string(context, value, column, row);
  if (type == "str") return decode_escapes(std::string(value));
  if (type == "b") return value == "1" || value == "true" ? "TRUE" : "FALSE";
  if (type == "d") return iso_cell_text(value);
  if (type.empty() || type == "n") {
    const std::size_t style = cell.attribute("s").as_uint();
    const bool date_style = style < context.date_styles.size() && context.date_styles[style];
    return number_text(value, date_style, context.date1904);
  }
  return std::string(value);  // "e": the error as Excel shows it (#N/A, #DIV/0!, ...)
}

// The 0-based column of a cell's r attribute ("AB12" -> 27), or nullopt when it is no reference.
// Columns past XFD come back as kMaxColumns.
std::optional<std::size_t> column_of_reference(std::string_view reference) {
  std::size_t column = 0;
  std::size_t i = 0;
  for (; i < reference.size(); ++i) {
    const char c = ascii_lower(reference[i]);
    if (c < 'a' || c > 'z') break;
    column = std::min(column * 26 + static_cast<std::size_t>(c - 'a' + 1), kMaxColumns + 1);
  }
  if (i == 0 || i == reference.size()) return std::nullopt;
  for (std::size_t digit = i; digit < reference.size(); ++digit) {
    if (reference[digit] < '0' || reference[digit] > '9') return std::nullopt;
  }
  return column - 1;
}

// Cells without r follow the previous cell of their row.
std::size_t column_of(const pugi::xml_node& cell, std::size_t next_column, const CellContext& context,
                      std::size_t row) {
  const pugi::xml_attribute reference = cell.attribute("r");
  std::size_t column = next_column;
  if (reference) {
    const std::optional<std::size_t> parsed = column_of_reference(reference.value());
    if (!parsed) {
      const std::string text = excerpt(reference.value());
      context.package.fail_damaged(
          ja_sheet(context.sheet) + "の " + std::to_string(row) + " 行目に不正なセル参照 \"" + ja_safe(text) +
              "\" があります",
          en_sheet(context.sheet) + " row " + std::to_string(row) + " has an invalid cell reference \"" + text + "\"");
    }
    column = *parsed;
  }
  if (column >= kMaxColumns) {
    const std::string where = reference ? excerpt(reference.value()) : std::to_string(row) + " 行目";
    const std::string en_where =
        reference ? "cell " + excerpt(reference.value()) : "a cell of row " + std::to_string(row);
    fail(ErrorCode::kInvalidArgument,
         ja_sheet(context.sheet) + "の " + ja_safe(where) +
             " は Excel の最後の列 XFD より右にあります: " + context.package.ja_path(),
         en_sheet(context.sheet) + " of " + context.package.path() + ": " + en_where +
             " lies beyond column XFD, Excel's last");
  }
  return column;
}

// Rows without r follow the previous row.
std::size_t row_number_of(const pugi::xml_node& row, std::size_t previous, const CellContext& context) {
  const pugi::xml_attribute reference = row.attribute("r");
  std::size_t number = previous + 1;
  if (reference) {
    const std::string_view text = reference.value();
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error == std::errc::result_out_of_range)
      number = kMaxRows + 1;
    else if (error != std::errc() || end != text.data() + text.size() || number == 0) {
      context.package.fail_damaged(
          ja_sheet(context.sheet) + "に不正な行番号 \"" + ja_safe(excerpt(text)) + "\" があります",
          en_sheet(context.sheet) + " has an invalid row number \"" + excerpt(text) + "\"");
    }
  }
  if (number > kMaxRows) {
    fail(ErrorCode::kInvalidArgument,
         ja_sheet(context.sheet) + "に Excel の最後の行 1048576 より下の行があります: " + context.package.ja_path(),
         en_sheet(context.sheet) + " of " + context.package.path() + " has a row beyond row 1048576, Excel's last");
  }
  return number;
}

[[noreturn]] void fail_too_many_cells(const CellContext& context, std::size_t limit) {
  const std::string count = std::to_string(limit);
  fail(ErrorCode::kInvalidArgument,
       ja_sheet(context.sheet) + "のセルが多すぎます（" + count + " 個まで）: " + context.package.ja_path(),
       en_sheet(context.sheet) + " of " + context.package.path() + " has too many cells (at most " + count + ")");
}

SheetTable read_rows(const pugi::xml_node& worksheet, const CellContext& context, const XlsxLimits& limits) {
  SheetTable table{context.sheet, {}};
  std::size_t row_number = 0;
  std::size_t cells_seen = 0;
  for_each_child_named(child_named(worksheet, "sheetData"), "row", [&](const pugi::xml_node& row) {
    row_number = row_number_of(row, row_number, context);
    SheetRow out{row_number, {}};
    std::size_t next_column = 0;
    for_each_child_named(row, "c", [&](const pugi::xml_node& cell) {
      if (++cells_seen > limits.max_cells) fail_too_many_cells(context, limits.max_cells);
      const std::size_t column = column_of(cell, next_column, context, row_number);
      next_column = column + 1;
      std::string text = cell_text(cell, context, column, row_number);
      if (text.empty()) return;  // only stored cells count, so trailing empty ones never appear
      if (out.cells.size() <= column) out.cells.resize(column + 1);
      out.cells[column] = std::move(text);
    });
    if (!out.cells.empty()) table.rows.push_back(std::move(out));
  });
  return table;
}

SheetTable read_worksheet(const Package& package, const std::string& part, const CellContext& context,
                          const XlsxLimits& limits) {
  const std::unique_ptr<XmlPart> xml = load_part(package, part);
  if (!xml) package.fail_damaged(ja_safe(part) + " がありません", part + " is missing");
  const pugi::xml_node root = root_element(*xml);
  if (!is_element(root, "worksheet")) {
    fail(ErrorCode::kInvalidArgument,
         ja_sheet(context.sheet) + "は表のシートではありません（グラフシートなど）: " + package.ja_path(),
         en_sheet(context.sheet) + " of " + package.path() + " is not a worksheet (a chart sheet?)");
  }
  return read_rows(root, context, limits);
}

SheetTable read_table(const std::string& path, const std::optional<std::string>& sheet, const XlsxLimits& limits) {
  const Package package(path, limits);
  const Workbook workbook = read_workbook(package);
  const SheetEntry& entry = choose_sheet(package, workbook, sheet);
  const std::string part = sheet_part_of(package, workbook, entry);
  // Read before the sheet is parsed, so only one document is in memory at a time.
  const std::vector<std::string> shared_strings = read_shared_strings(package, workbook);
  const std::vector<bool> date_styles = read_date_styles(package, workbook);
  const CellContext context{package, entry.name, shared_strings, date_styles, workbook.date1904};
  return read_worksheet(package, part, context, limits);
}

}  // namespace

Result<SheetTable> read_xlsx_sheet(const std::string& path, const std::optional<std::string>& sheet,
                                   const XlsxLimits& limits) {
  try {
    return read_table(path, sheet, limits);
  } catch (const Error& error) {
    return error.status();
  } catch (const std::bad_alloc&) {
    return Status(ErrorCode::kUnavailable,
                  "メモリが足りず読めません: " + ja_safe(path) + " / out of memory reading " + path);
  } catch (const std::exception& error) {
    return Status(ErrorCode::kInternal, "読み込み中に予期しないエラー: " + ja_safe(path) + "（" +
                                            ja_safe(error.what()) + "） / unexpected error reading " + path + ": " +
                                            error.what());
  }
}

}  // namespace itaku::detail
