#include "io/ledger_csv.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <memory>
#include <sstream>

#include "io/csv_reader.hpp"
#include "io/text_encoding.hpp"

namespace itaku::detail {
namespace {

// A ledger bigger than this is not an office's ledger; refusing it keeps a mistaken file (a
// database dump) from exhausting memory, as the whole file is held while it converts.
constexpr std::size_t kMaxLedgerBytes = std::size_t{512} << 20;

struct IconvCloser {
  void operator()(iconv_t* handle) const {
    iconv_close(*handle);
    delete handle;
  }
};

// CP932 rather than SHIFT_JIS: Excel and Windows write Microsoft's superset (①, ㈱, NEC and IBM
// extensions), which glibc's strict SHIFT_JIS table refuses.
std::optional<std::string> convert_cp932(std::string_view bytes) {
  iconv_t raw = iconv_open("UTF-8", "CP932");
  if (raw == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::unique_ptr<iconv_t, IconvCloser> handle(new iconv_t(raw));
  std::string out(bytes.size() * 3 / 2 + 16, '\0');
  char* in_at = const_cast<char*>(bytes.data());  // iconv's signature; it does not write the input
  std::size_t in_left = bytes.size();
  std::size_t written = 0;
  while (in_left > 0) {
    char* out_at = out.data() + written;
    std::size_t out_left = out.size() - written;
    const std::size_t converted = iconv(*handle, &in_at, &in_left, &out_at, &out_left);
    written = out.size() - out_left;
    if (converted != static_cast<std::size_t>(-1)) break;
    if (errno != E2BIG) return std::nullopt;  // EILSEQ / EINVAL: not CP932
    out.resize(out.size() * 2);
  }
  out.resize(written);
  return out;
}

}  // namespace

Result<DecodedText> decode_ledger_text(std::string_view bytes, const std::string& name) {
  if (bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    bytes.remove_prefix(kUtf8Bom.size());
    if (is_valid_utf8(bytes)) return DecodedText{std::string(bytes), "UTF-8 (BOM)"};
  } else if (is_valid_utf8(bytes)) {
    return DecodedText{std::string(bytes), "UTF-8"};
  } else if (looks_like_shift_jis(bytes)) {
    if (auto converted = convert_cp932(bytes)) return DecodedText{std::move(*converted), "Shift_JIS (CP932)"};
  }
  return Status(ErrorCode::kInvalidArgument, not_utf8_message(bytes.substr(0, 4096), name, name));
}

Result<SheetTable> read_ledger_csv(const std::string& path, std::string& encoding) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Status(ErrorCode::kNotFound, "台帳ファイルを開けません: " + path + " / cannot open the ledger " + path);
  }
  std::string bytes;
  char buffer[1 << 16];
  while (file.read(buffer, sizeof buffer) || file.gcount() > 0) {
    bytes.append(buffer, static_cast<std::size_t>(file.gcount()));
    if (bytes.size() > kMaxLedgerBytes) {
      return Status(ErrorCode::kInvalidArgument, "台帳ファイルが大きすぎます（512 MiB まで）: " + path +
                                                     " / the ledger is larger than 512 MiB: " + path);
    }
  }
  auto decoded = decode_ledger_text(bytes, path);
  if (!decoded) return decoded.status();
  bytes.clear();
  bytes.shrink_to_fit();
  encoding = decoded->encoding;
  std::istringstream in(std::move(decoded->text));
  CsvReader reader(in);
  SheetTable table;
  CsvRow row;
  std::size_t number = 0;
  while (reader.read_row(row)) {
    ++number;
    if (std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& cell) { return cell.empty(); })) continue;
    if (row.unterminated_quote) {
      return Status(ErrorCode::kInvalidArgument,
                    path + ": 引用符（\"）が閉じられないままファイルが終わりました（" + std::to_string(number) +
                        " 行目から） / " + path + ": the file ends inside a quoted cell that starts in row " +
                        std::to_string(number));
    }
    while (!row.fields.empty() && row.fields.back().empty()) row.fields.pop_back();
    table.rows.push_back(SheetRow{number, row.fields});
  }
  return table;
}

}  // namespace itaku::detail
