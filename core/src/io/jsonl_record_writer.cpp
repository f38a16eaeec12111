// `jsonl` records: each record the moment it arrives, as one compact JSON object on its own line,
// exactly what the JSON Lines source reads back.
#include <string>

#include "io/record_writers.hpp"

namespace itaku::detail {
namespace {

class JsonlRecordWriter final : public RecordWriter {
 public:
  explicit JsonlRecordWriter(std::ostream& out) : out_(out) {}

  void write(const nlohmann::json& record) override {
    ++record_number_;
    if (!record.is_object()) {
      const BilingualText label = record_label(record_number_, record);
      throw Error(ErrorCode::kInvalidArgument, label.ja + ": レコードが JSON オブジェクトではありません / " + label.en +
                                                   ": a record must be a JSON object");
    }
    try {
      // dump() without indentation writes no line break: a break inside a string is escaped.
      line_ = record.dump();
    } catch (const nlohmann::json::type_error&) {
      const BilingualText label = record_label(record_number_, record);
      throw Error(ErrorCode::kInvalidArgument, label.ja + ": UTF-8 でない文字列があります / " + label.en +
                                                   ": the record holds text that is not UTF-8");
    }
    line_ += '\n';
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
    check_record_output(out_);
  }

  void finish() override {
    out_.flush();
    check_record_output(out_);
  }

 private:
  std::ostream& out_;
  std::size_t record_number_ = 0;
  std::string line_;  // reused across records
};

}  // namespace

std::unique_ptr<RecordWriter> make_jsonl_record_writer(std::ostream& out) {
  return std::make_unique<JsonlRecordWriter>(out);
}

}  // namespace itaku::detail
