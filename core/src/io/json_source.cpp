#include "io/json_source.hpp"

#include <sstream>
#include <utility>

#include "io/json_parse_error.hpp"
#include "io/json_positions.hpp"
#include "itaku/io/json_numbers.hpp"
#include "io/text_encoding.hpp"

namespace itaku::detail {
namespace {

std::string read_all(std::istream& in, const std::string& name) {
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    throw Error(ErrorCode::kUnavailable, "読み込みエラー: " + name + " / read error: " + name);
  }
  return std::move(content).str();
}

// Record number = 1-based position in the array (1 for a single object). The document's text is
// kept beside the parsed records, so that a problem can be placed at its line and column.
class JsonDocumentSource final : public RecordSource {
 public:
  JsonDocumentSource(nlohmann::json records, std::shared_ptr<const std::string> text, std::string name)
      : records_(std::move(records)), text_(std::move(text)), places_(top_level_places(*text_)), name_(std::move(name)) {}

  std::optional<SourceRecord> next() override {
    if (next_index_ >= records_.size()) return std::nullopt;
    const std::size_t index = next_index_++;
    nlohmann::json& record = records_[index];
    SourceRecord out;
    if (!record.is_object()) {
      out = SourceRecord{next_index_, Status(ErrorCode::kInvalidArgument,
                                             std::string("配列の要素は JSON オブジェクトでなければなりません / "
                                                         "each array element must be a JSON object, got ") +
                                                 record.type_name())};
    } else {
      // Moving out releases each record's memory as the review proceeds.
      out = SourceRecord{next_index_, std::move(record)};
    }
    if (index < places_.size()) {
      out.document = text_;
      out.document_offset = places_[index].offset;
      out.line = places_[index].line;
      out.column = places_[index].column;
    }
    return out;
  }

  const std::string& name() const override { return name_; }

 private:
  nlohmann::json records_;  // always an array
  std::shared_ptr<const std::string> text_;
  std::vector<TextPlace> places_;  // where each record starts in text_
  std::size_t next_index_ = 0;
  std::string name_;
};

}  // namespace

std::unique_ptr<RecordSource> make_json_document_source(std::istream& in, std::string name) {
  auto content = std::make_shared<std::string>(read_all(in, name));
  content->erase(0, content->size() - strip_utf8_bom(*content).size());  // places count from after a BOM
  const std::string_view text = *content;
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    throw Error(ErrorCode::kInvalidArgument, describe_json_document_error(error, text));
  } catch (const nlohmann::json::out_of_range&) {
    // Like a syntax error, it stops the whole document: its records cannot be told apart.
    if (auto number = find_overflowing_number(text)) {
      throw Error(ErrorCode::kInvalidArgument, overflowing_number_message(*number), number->pointer);
    }
    throw;
  }
  if (document.is_object()) {
    nlohmann::json single = nlohmann::json::array();
    single.push_back(std::move(document));
    document = std::move(single);
  } else if (!document.is_array()) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string("JSON ファイルはオブジェクト 1 件かオブジェクトの配列でなければなりません / "
                            "a JSON file must hold one object or an array of objects, got ") +
                    document.type_name());
  }
  return std::make_unique<JsonDocumentSource>(std::move(document), std::move(content), std::move(name));
}

}  // namespace itaku::detail
