#include "itaku/report/due_list.hpp"

#include "report/csv_row.hpp"
#include "report/report_labels.hpp"

namespace itaku {
namespace {

// "1 day", "2 days".
std::string days_in_english(long days) { return std::to_string(days) + (days == 1 ? " day" : " days"); }

constexpr detail::Label kWhatVerification{"定期確認", "Verification"};
constexpr detail::Label kWhatCertification{"認証期限", "Certification"};

constexpr detail::Label kDueColumns[] = {
    {"種別", "What"},      {"期日", "Date"},    {"参照番号", "Ref"},  {"件名", "Title"},          {"所管課", "Department"},
    {"内容", "Detail"},    {"状況", "Status"},  {"日数", "Days"},     {"状況コード", "Status code"},
};

}  // namespace

DueWords due_words(const DueItem& item) {
  const long days = item.days < 0 ? -item.days : item.days;
  const std::string n = std::to_string(days);
  if (item.what == DueItem::What::kCertification) {
    if (item.days < 0) return {"有効期限切れ " + n + " 日経過", "expired " + days_in_english(days) + " ago"};
    if (item.days == 0) return {"本日まで有効", "valid through today"};
    return {"有効期限まで " + n + " 日", "expires in " + days_in_english(days)};
  }
  if (item.status == "failed") return {"前回の確認が不合格", "the last verification failed"};
  if (item.days < 0) return {"期限超過 " + n + " 日", days_in_english(days) + " overdue"};
  const bool never = item.status == "unverified";
  const std::string japanese = never ? "未確認・" : "";
  const std::string english = never ? "never verified, " : "";
  if (item.days == 0) return {japanese + "本日期限", english + "due today"};
  return {japanese + "期限まで " + n + " 日", english + "due in " + days_in_english(days)};
}

std::string on_one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "⏎";
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) {
      ++i;  // U+0085 NEXT LINE
      out += "⏎";
    } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xA8 || static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      i += 2;  // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
      out += "⏎";
    } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               static_cast<unsigned char>(text[i + 2]) >= 0xAA && static_cast<unsigned char>(text[i + 2]) <= 0xAE) {
      i += 2;  // U+202A..U+202E: embeddings and overrides that would reorder the rest of the line
      out += ' ';
    } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x81 &&
               static_cast<unsigned char>(text[i + 2]) >= 0xA6 && static_cast<unsigned char>(text[i + 2]) <= 0xA9) {
      i += 2;  // U+2066..U+2069: isolates, likewise
      out += ' ';
    } else if (c < 0x20 || c == 0x7F) {
      out += ' ';
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

void write_due_text(std::ostream& out, const std::vector<DueItem>& items) {
  for (const auto& item : items) {
    const bool certification = item.what == DueItem::What::kCertification;
    const DueWords words = due_words(item);
    out << item.date.to_string() << "  " << (certification ? "認証期限 / certification " : "定期確認 / verification   ")
        << on_one_line(item.ref) << "  " << on_one_line(item.title) << "（" << on_one_line(item.department) << "）  "
        << (certification ? on_one_line(item.detail) + "  " : "") << words.ja << " / " << words.en << "\n";
  }
}

void write_due_csv(std::ostream& out, const std::vector<DueItem>& items, std::string_view lang) {
  const detail::Language language = detail::language_from(lang);
  std::string text(detail::kUtf8ByteOrderMark);
  detail::CsvRow header(text);
  for (const auto& column : kDueColumns) header.cell(column.in(language));
  header.end();
  for (const auto& item : items) {
    const bool certification = item.what == DueItem::What::kCertification;
    const DueWords words = due_words(item);
    detail::CsvRow row(text);
    row.cell((certification ? kWhatCertification : kWhatVerification).in(language))
        .cell(item.date.to_string())
        .cell(item.ref)
        .cell(item.title)
        .cell(item.department)
        .cell(certification ? item.detail : std::string())
        .cell(language == detail::Language::kEnglish ? words.en : words.ja)
        .integer(item.days)
        .cell(item.status)
        .end();
  }
  out << text;
}

}  // namespace itaku
