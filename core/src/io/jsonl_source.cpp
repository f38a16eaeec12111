#include "io/jsonl_source.hpp"

#include <utility>

#include "io/json_parse_error.hpp"
#include "itaku/io/json_numbers.hpp"
#include "io/text_encoding.hpp"

namespace itaku {
namespace detail {

Result<nlohmann::json> parse_json_line(const std::string& line, std::size_t line_number) {
  try {
    nlohmann::json record = nlohmann::json::parse(line);
    if (!record.is_object()) {
      return Status(ErrorCode::kInvalidArgument,
                    std::string("各行は JSON オブジェクトでなければなりません / each line must be a JSON object, got ") +
                        record.type_name());
    }
    return record;
  } catch (const nlohmann::json::parse_error& error) {
    return Status(ErrorCode::kInvalidArgument, describe_json_line_error(error, line, line_number));
  } catch (const nlohmann::json::out_of_range&) {
    if (auto number = find_overflowing_number(line)) {
      return Status(ErrorCode::kInvalidArgument, overflowing_number_message(*number), number->pointer);
    }
    throw;
  }
}

namespace {

bool is_blank(std::string_view line) noexcept {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Record number = line number; blank lines are skipped but still counted, so the number always
// points at the line an editor shows.
class JsonlSource final : public RecordSource {
 public:
  JsonlSource(std::istream& in, std::unique_ptr<std::istream> owned, std::string name)
      : owned_(std::move(owned)), in_(in), name_(std::move(name)) {}

  std::optional<SourceRecord> next() override {
    while (std::getline(in_, line_)) {
      ++line_number_;
      if (!line_.empty() && line_.back() == '\r') line_.pop_back();
      if (line_number_ == 1 && line_.starts_with(kUtf8Bom)) line_.erase(0, kUtf8Bom.size());
      if (is_blank(line_)) continue;
      if (defer_) return SourceRecord::deferred(line_number_, line_);
      return SourceRecord{line_number_, parse_json_line(line_, line_number_)};
    }
    if (in_.bad()) {
      throw Error(ErrorCode::kUnavailable, "読み込みエラー（" + name_ + "、" + std::to_string(line_number_) +
                                               " 行目の後） / read error in " + name_ + " after line " +
                                               std::to_string(line_number_));
    }
    return std::nullopt;
  }

  const std::string& name() const override { return name_; }
  void defer_parsing() override { defer_ = true; }

 private:
  bool defer_ = false;

  std::unique_ptr<std::istream> owned_;  // null when reading a stream owned by the caller
  std::istream& in_;
  std::string name_;
  std::string line_;  // reused: one allocation for the whole input in the common case
  std::size_t line_number_ = 0;
};

}  // namespace

std::unique_ptr<RecordSource> make_owning_jsonl_source(std::unique_ptr<std::istream> owned_stream,
                                                       std::string name) {
  std::istream& in = *owned_stream;
  return std::make_unique<JsonlSource>(in, std::move(owned_stream), std::move(name));
}

}  // namespace detail

void parse_deferred(SourceRecord& record) {
  if (!record.deferred_text) return;
  record.json = detail::parse_json_line(*record.deferred_text, record.number);
  record.deferred_text.reset();
}

std::unique_ptr<RecordSource> make_jsonl_source(std::istream& in, std::string name) {
  return std::make_unique<detail::JsonlSource>(in, nullptr, std::move(name));
}

}  // namespace itaku
