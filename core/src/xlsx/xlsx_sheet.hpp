// One worksheet laid out as a table for Excel's filters: row 0 is a bold header that stays in
// view while scrolling (a frozen pane), an AutoFilter covers the header and every row written,
// and each column is as wide as its cells (within limits). Every libxlsxwriter result is
// checked (check_xlsx).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xlsxwriter.h>

#include "itaku/domain/date.hpp"
#include "xlsx/xlsx_workbook.hpp"

namespace itaku::detail {

class XlsxSheet {
 public:
  // Adds the sheet to `book`, after the sheets added before it.
  XlsxSheet(XlsxWorkbook& book, std::string_view name);

  // The header cell of `column` (row 0).
  void header(lxw_col_t column, std::string_view text) { bold(0, column, text); }
  // Bold text: a header, or a heading on a sheet that is not one table.
  void bold(lxw_row_t row, lxw_col_t column, std::string_view text);

  // Data cells, in rows from 1 (below the header). Text is escaped (escape_cell_text) and cut
  // to fit when it is longer than a cell holds; a writer that must not lose anything checks
  // fits_in_cell first. Empty text writes no cell.
  void text(lxw_row_t row, lxw_col_t column, std::string_view text);
  void number(lxw_row_t row, lxw_col_t column, double value);
  void boolean(lxw_row_t row, lxw_col_t column, bool value);
  // A date cell shown yyyy-mm-dd; a date Excel cannot hold (excel_date) is written as its text.
  void date(lxw_row_t row, lxw_col_t column, Date date);

  // The last row written (0 when only the header).
  lxw_row_t last_row() const noexcept { return last_row_; }

  // Freezes the header row, sets the AutoFilter and the column widths. Call once, after the
  // last cell.
  void finish();
  // Only the column widths, for a sheet that is not one table. Call once, after the last cell.
  void set_widths();

 private:
  void written(lxw_row_t row, lxw_col_t column, std::size_t width, lxw_error error);

  XlsxWorkbook& book_;
  std::string name_;
  lxw_worksheet* sheet_;
  std::vector<std::size_t> widths_;  // by column: the widest cell seen, in characters
  lxw_row_t last_row_ = 0;
  std::string escaped_;
};

// Cells of one data row, left to right from column 0.
class XlsxRow {
 public:
  XlsxRow(XlsxSheet& sheet, lxw_row_t row) : sheet_(sheet), row_(row) {}

  XlsxRow& text(std::string_view text) {
    sheet_.text(row_, column_++, text);
    return *this;
  }
  XlsxRow& number(double value) {
    sheet_.number(row_, column_++, value);
    return *this;
  }
  XlsxRow& date(Date date) {
    sheet_.date(row_, column_++, date);
    return *this;
  }
  XlsxRow& empty(lxw_col_t count = 1) {
    column_ = static_cast<lxw_col_t>(column_ + count);
    return *this;
  }

 private:
  XlsxSheet& sheet_;
  lxw_row_t row_;
  lxw_col_t column_ = 0;
};

}  // namespace itaku::detail
