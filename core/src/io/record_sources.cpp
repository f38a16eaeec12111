// Chooses the reader for an input by its name: the one place that knows the accepted formats.
#include "itaku/io/record_source.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <system_error>

#include "io/csv_source.hpp"
#include "io/json_source.hpp"
#include "io/jsonl_source.hpp"

namespace itaku {
namespace {

enum class InputFormat { kJsonLines, kJson, kCsv };

constexpr std::string_view kAcceptedExtensions = ".jsonl, .ndjson, .json, .csv, - (JSON Lines on stdin)";

// Extensions compare case-insensitively: files from Windows often arrive as RECORDS.CSV.
std::optional<InputFormat> format_of(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".jsonl" || extension == ".ndjson") return InputFormat::kJsonLines;
  if (extension == ".json") return InputFormat::kJson;
  if (extension == ".csv") return InputFormat::kCsv;
  return std::nullopt;
}

Status check_readable_file(const std::string& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (status.type() == std::filesystem::file_type::not_found) {
    return Status(ErrorCode::kNotFound,
                  "ファイルが見つかりません: " + path + " / file not found: " + path);
  }
  if (error) {
    return Status(ErrorCode::kInvalidArgument,
                  "ファイルを確認できません: " + path + " / cannot access " + path + ": " + error.message());
  }
  if (std::filesystem::is_directory(status)) {
    return Status(ErrorCode::kInvalidArgument,
                  "ディレクトリは読めません: " + path + " / " + path + " is a directory, not a file");
  }
  return Status::ok();
}

}  // namespace

Result<std::unique_ptr<RecordSource>> open_record_source(const std::string& path, const FieldTypes& csv_types) {
  if (path == "-") return make_jsonl_source(std::cin, "-");
  if (Status readable = check_readable_file(path); !readable.is_ok()) return readable;
  const std::optional<InputFormat> format = format_of(path);
  if (!format) {
    return Status(ErrorCode::kInvalidArgument,
                  "対応していないファイル形式です: " + path + "（対応: " + std::string(kAcceptedExtensions) +
                      "） / unsupported file type: " + path + " (accepted: " + std::string(kAcceptedExtensions) + ")");
  }
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!file->is_open()) {
    return Status(ErrorCode::kInvalidArgument,
                  "ファイルを開けません: " + path + " / cannot open " + path + " (permission denied?)");
  }
  try {
    switch (*format) {
      case InputFormat::kJsonLines:
        return detail::make_owning_jsonl_source(std::move(file), path);
      case InputFormat::kJson:
        return detail::make_json_document_source(*file, path);
      case InputFormat::kCsv:
        return detail::make_csv_source(std::move(file), path, csv_types);
    }
  } catch (const Error& error) {
    return error.status();
  }
  return Status(ErrorCode::kInternal, "unhandled input format for " + path);
}

}  // namespace itaku

namespace itaku {
namespace {

// Stands in for an input that could not be opened, so that the failure takes its place in
// the report like any other problem with the input.
class FailedSource final : public RecordSource {
 public:
  FailedSource(std::string name, Status why) : name_(std::move(name)), why_(std::move(why)) {}
  std::optional<SourceRecord> next() override {
    if (reported_) return std::nullopt;
    reported_ = true;
    throw Error(why_);
  }
  const std::string& name() const override { return name_; }

 private:
  std::string name_;
  Status why_;
  bool reported_ = false;
};

}  // namespace

std::unique_ptr<RecordSource> make_failed_source(std::string name, Status why) {
  return std::make_unique<FailedSource>(std::move(name), std::move(why));
}

}  // namespace itaku
