// A libxlsxwriter workbook that ends up on a std::ostream. libxlsxwriter writes only to a named
// file (1.1.4 has no memory buffer), so the workbook is assembled into a temporary file in
// $TMPDIR (else /tmp) and close_to() copies its bytes to the stream. The file is removed
// whether or not the workbook was finished.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include <xlsxwriter.h>

namespace itaku::detail {

// Throws itaku::Error (kUnavailable) naming what was being done (`what_ja`, `what_en`) and
// libxlsxwriter's reason unless `error` is LXW_NO_ERROR. Every libxlsxwriter call that returns
// an lxw_error goes through it.
void check_xlsx(lxw_error error, std::string_view what_ja, std::string_view what_en);

class XlsxWorkbook {
 public:
  // Throws itaku::Error (kUnavailable) when the temporary file or the workbook cannot be made.
  XlsxWorkbook();
  ~XlsxWorkbook();
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

  // Sheets appear in the order they are added; `name` is at most 31 characters. Throws like
  // check_xlsx.
  lxw_worksheet* add_sheet(std::string_view name);

  // The two formats every sheet uses: bold for the header row, yyyy-mm-dd for date cells.
  lxw_format* bold() const noexcept { return bold_; }
  lxw_format* date() const noexcept { return date_; }

  // Writes the workbook and copies it to `out`; call once, at the end. Throws itaku::Error
  // (kUnavailable) when the workbook cannot be written or `out` fails.
  void close_to(std::ostream& out);

 private:
  std::string directory_;  // libxlsxwriter's own temporary files go here too
  std::string path_;       // the temporary file the workbook is written to
  lxw_workbook* workbook_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* date_ = nullptr;
};

}  // namespace itaku::detail
