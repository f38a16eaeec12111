#include "xlsx/xlsx_sheet.hpp"

#include <algorithm>

#include "itaku/error.hpp"
#include "xlsx/xlsx_cells.hpp"

namespace itaku::detail {
namespace {

// Column widths in Excel's units (about one narrow character each): wide enough for a date or
// a ref, and no wider than a screen can show next to the other columns.
constexpr std::size_t kMinWidth = 8;
constexpr std::size_t kMaxWidth = 60;
constexpr std::size_t kDateWidth = 10;
constexpr std::size_t kNumberWidth = 8;

}  // namespace

XlsxSheet::XlsxSheet(XlsxWorkbook& book, std::string_view name)
    : book_(book), name_(name), sheet_(book.add_sheet(name)) {}

void XlsxSheet::bold(lxw_row_t row, lxw_col_t column, std::string_view text) {
  escape_cell_text(text, escaped_);
  cut_to_cell(escaped_);
  // Bold text is a little wider, and a header's AutoFilter button takes about two characters.
  written(row, column, display_width(text) + 3,
          worksheet_write_string(sheet_, row, column, escaped_.c_str(), book_.bold()));
}

void XlsxSheet::text(lxw_row_t row, lxw_col_t column, std::string_view text) {
  if (text.empty()) return;
  escape_cell_text(text, escaped_);
  cut_to_cell(escaped_);
  written(row, column, display_width(text), worksheet_write_string(sheet_, row, column, escaped_.c_str(), nullptr));
}

void XlsxSheet::number(lxw_row_t row, lxw_col_t column, double value) {
  written(row, column, kNumberWidth, worksheet_write_number(sheet_, row, column, value, nullptr));
}

void XlsxSheet::boolean(lxw_row_t row, lxw_col_t column, bool value) {
  written(row, column, kNumberWidth, worksheet_write_boolean(sheet_, row, column, value ? 1 : 0, nullptr));
}

void XlsxSheet::date(lxw_row_t row, lxw_col_t column, Date date) {
  std::optional<lxw_datetime> cell = excel_date(date);
  if (!cell) {
    text(row, column, date.to_string());
    return;
  }
  written(row, column, kDateWidth, worksheet_write_datetime(sheet_, row, column, &*cell, book_.date()));
}

void XlsxSheet::written(lxw_row_t row, lxw_col_t column, std::size_t width, lxw_error error) {
  if (error == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE) {
    throw Error(ErrorCode::kInvalidArgument,
                "シート「" + name_ + "」に入りきりません（Excel の上限は 1,048,576 行・16,384 列） / sheet '" + name_ +
                    "' cannot hold this many rows or columns (Excel's limit: 1,048,576 rows, 16,384 columns)");
  }
  check_xlsx(error, "シート「" + name_ + "」のセル", "a cell of sheet '" + name_ + "'");
  if (widths_.size() <= column) widths_.resize(column + std::size_t{1}, 0);
  widths_[column] = std::max(widths_[column], width);
  last_row_ = std::max(last_row_, row);
}

void XlsxSheet::finish() {
  worksheet_freeze_panes(sheet_, 1, 0);
  if (!widths_.empty()) {
    const auto last_column = static_cast<lxw_col_t>(widths_.size() - 1);
    check_xlsx(worksheet_autofilter(sheet_, 0, 0, last_row_, last_column), "シート「" + name_ + "」の表",
               "the table of sheet '" + name_ + "'");
  }
  set_widths();
}

void XlsxSheet::set_widths() {
  const std::string what_ja = "シート「" + name_ + "」の列幅", what_en = "the column widths of sheet '" + name_ + "'";
  for (std::size_t column = 0; column < widths_.size(); ++column) {
    const double width = static_cast<double>(std::clamp(widths_[column] + 1, kMinWidth, kMaxWidth));
    const auto index = static_cast<lxw_col_t>(column);
    check_xlsx(worksheet_set_column(sheet_, index, index, width, nullptr), what_ja, what_en);
  }
}

}  // namespace itaku::detail
