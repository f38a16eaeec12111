#include "io/csv_reader.hpp"

#include "io/text_encoding.hpp"

namespace itaku::detail {

void CsvReader::skip_byte_order_mark(std::string& first_field) {
  using Traits = std::istream::traits_type;
  std::streambuf& buffer = *in_.rdbuf();
  for (const char expected : kUtf8Bom) {
    if (!Traits::eq_int_type(buffer.sgetc(), Traits::to_int_type(expected))) return;
    // A partial match is ordinary (if odd) content of the first field: keep those bytes.
    first_field.push_back(Traits::to_char_type(buffer.sbumpc()));
  }
  first_field.clear();
}

bool CsvReader::read_row(CsvRow& row) {
  using Traits = std::istream::traits_type;
  std::streambuf& buffer = *in_.rdbuf();
  row.first_line = line_;
  row.unterminated_quote = false;
  std::size_t field_count = 0;
  // Reuse the strings of the previous row: rows of one file have the same shape.
  const auto start_field = [&]() -> std::string& {
    if (field_count == row.fields.size()) row.fields.emplace_back();
    std::string& field = row.fields[field_count++];
    field.clear();
    return field;
  };

  Traits::int_type c = buffer.sgetc();
  if (Traits::eq_int_type(c, Traits::eof())) {
    row.fields.clear();
    return false;
  }
  std::string* field = &start_field();
  if (at_start_) {
    at_start_ = false;
    skip_byte_order_mark(*field);
  }
  bool in_quotes = false;
  bool field_was_quoted = false;
  while (true) {
    c = buffer.sbumpc();
    if (Traits::eq_int_type(c, Traits::eof())) {
      row.unterminated_quote = in_quotes;
      break;
    }
    const char ch = Traits::to_char_type(c);
    if (in_quotes) {
      if (ch == '"') {
        if (Traits::eq_int_type(buffer.sgetc(), Traits::to_int_type('"'))) {
          buffer.sbumpc();
          field->push_back('"');
        } else {
          in_quotes = false;
        }
      } else {
        if (ch == '\n') ++line_;
        field->push_back(ch);
      }
      continue;
    }
    if (ch == ',') {
      field = &start_field();
      field_was_quoted = false;
    } else if (ch == '\n') {
      ++line_;
      break;
    } else if (ch == '\r') {
      if (Traits::eq_int_type(buffer.sgetc(), Traits::to_int_type('\n'))) buffer.sbumpc();
      ++line_;
      break;
    } else if (ch == '"' && field->empty() && !field_was_quoted) {
      in_quotes = true;
      field_was_quoted = true;
    } else {
      field->push_back(ch);
    }
  }
  row.fields.resize(field_count);
  return true;
}

}  // namespace itaku::detail
