// What one workbook cell can hold, and the text libxlsxwriter is given for it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <xlsxwriter.h>

#include "itaku/domain/date.hpp"

namespace itaku::detail {

// Excel keeps at most 32,767 characters (UTF-16 code units) in a cell.
inline constexpr std::size_t kMaxCellChars = 32767;

// UTF-16 code units of `text` (well-formed UTF-8): what Excel counts against kMaxCellChars.
std::size_t utf16_length(std::string_view text) noexcept;

// The text to hand to libxlsxwriter so that Excel (and any reader of Office Open XML) shows
// exactly `text`. A reader turns "_x000D_" in a cell into a carriage return; libxlsxwriter
// writes control characters that way but leaves text that already looks like "_x0041_" alone,
// which would then read back as "A". Such text gets the escape "_x005F" (an underscore) in
// front. Bytes that are not UTF-8, and U+FFFE and U+FFFF (which XML cannot carry), become
// U+FFFD. Returns false when anything was replaced, i.e. the cell would not show `text`.
bool escape_cell_text(std::string_view text, std::string& escaped);

// Whether text escaped as `escaped` fits one cell: Excel's limit on the text, and
// libxlsxwriter's (which counts the characters of what it is given). A text with escapes is held
// to its escaped length, a little stricter than Excel.
bool fits_in_cell(std::string_view escaped) noexcept;

// Cuts `escaped` to fit one cell (fits_in_cell), ending it with "…", for a report; a register
// refuses instead.
void cut_to_cell(std::string& escaped);

// The date as a date cell, or nullopt before 1900-03-01: Excel counts days from 1900 with a
// 29 February 1900 that never was, so earlier days do not read back as the same date.
std::optional<lxw_datetime> excel_date(Date date) noexcept;

// About how many characters wide `text` shows (CJK and other wide characters count two; the
// longest line of several); column widths are set from it.
std::size_t display_width(std::string_view text) noexcept;

}  // namespace itaku::detail
