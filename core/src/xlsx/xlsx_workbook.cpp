#include "xlsx/xlsx_workbook.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <utility>
#include <vector>

#include "itaku/error.hpp"

namespace itaku::detail {
namespace {

// Like the report spool (spool_file.cpp): $TMPDIR is honoured because /tmp is often a small
// RAM-backed tmpfs.
std::string temporary_directory() {
  const char* directory = std::getenv("TMPDIR");
  return directory == nullptr || *directory == '\0' ? std::string("/tmp") : std::string(directory);
}

[[noreturn]] void throw_unavailable(const std::string& ja, const std::string& en) {
  throw Error(ErrorCode::kUnavailable, ja + " / " + en);
}

}  // namespace

void check_xlsx(lxw_error error, std::string_view what_ja, std::string_view what_en) {
  if (error == LXW_NO_ERROR) return;
  throw_unavailable("Excel ブックを作れません（" + std::string(what_ja) + "）",
                    "cannot make the Excel workbook (" + std::string(what_en) + "): " + lxw_strerror(error));
}

XlsxWorkbook::XlsxWorkbook() : directory_(temporary_directory()) {
  std::string pattern = directory_ + "/itaku-workbook-XXXXXX";
  // mkstemp makes the name ours and the file private (0600); libxlsxwriter then writes to it.
  const int descriptor = ::mkstemp(pattern.data());
  if (descriptor < 0) {
    throw_unavailable("Excel ブックの一時ファイルを " + directory_ + " に作れません",
                      "cannot create the workbook's temporary file in " + directory_ + ": " + std::strerror(errno));
  }
  ::close(descriptor);
  path_ = std::move(pattern);

  lxw_workbook_options options{};
  // Not constant_memory: cells stay in memory until the end, so a header cell can be written
  // after the rows (a register's ledger columns appear with the first record that has them)
  // and strings are shared, as Excel itself writes them.
  options.constant_memory = LXW_FALSE;
  options.tmpdir = directory_.data();
  workbook_ = workbook_new_opt(path_.c_str(), &options);
  if (workbook_ == nullptr) {
    ::unlink(path_.c_str());
    throw_unavailable("Excel ブックを作れません（メモリ不足）", "cannot make the Excel workbook (out of memory)");
  }
  bold_ = workbook_add_format(workbook_);
  date_ = workbook_add_format(workbook_);
  if (bold_ == nullptr || date_ == nullptr) {
    lxw_workbook_free(workbook_);
    ::unlink(path_.c_str());
    throw_unavailable("Excel ブックを作れません（メモリ不足）", "cannot make the Excel workbook (out of memory)");
  }
  format_set_bold(bold_);
  format_set_num_format(date_, "yyyy-mm-dd");
}

XlsxWorkbook::~XlsxWorkbook() {
  if (workbook_ != nullptr) lxw_workbook_free(workbook_);  // not finished: nothing is written
  ::unlink(path_.c_str());
}

lxw_worksheet* XlsxWorkbook::add_sheet(std::string_view name) {
  const std::string sheet_name(name);
  check_xlsx(workbook_validate_sheet_name(workbook_, sheet_name.c_str()), "シート名 " + sheet_name,
             "sheet name " + sheet_name);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook_, sheet_name.c_str());
  if (sheet == nullptr) check_xlsx(LXW_ERROR_MEMORY_MALLOC_FAILED, "シート " + sheet_name, "sheet " + sheet_name);
  return sheet;
}

void XlsxWorkbook::close_to(std::ostream& out) {
  // workbook_close frees the workbook whether or not it could write it.
  check_xlsx(workbook_close(std::exchange(workbook_, nullptr)), "保存", "saving");
  std::ifstream in(path_, std::ios::binary);
  if (!in) {
    throw_unavailable("Excel ブックの一時ファイルを読めません",
                      "cannot read the workbook's temporary file " + path_ + ": " + std::strerror(errno));
  }
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize got = in.gcount();
    if (got > 0) out.write(buffer.data(), got);
    if (!out) throw Error(ErrorCode::kUnavailable, "Excel ブックを書き込めません / cannot write the workbook");
  }
  if (in.bad()) throw_unavailable("Excel ブックの一時ファイルを読めません", "cannot read the workbook's temporary file");
  out.flush();
  if (!out) throw Error(ErrorCode::kUnavailable, "Excel ブックを書き込めません / cannot write the workbook");
}

}  // namespace itaku::detail
