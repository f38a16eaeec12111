#include "app/output_file.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include <unistd.h>

namespace itaku::cli {

Status binary_output_allowed(const std::string& path, const std::string& format) {
  if ((!path.empty() && path != "-") || !::isatty(STDOUT_FILENO)) return Status::ok();
  return Status(ErrorCode::kInvalidArgument,
                format + " 形式はバイナリのため端末には書き出せません。-o ファイル名 で保存してください / the " + format +
                    " format is binary and is not written to a terminal: save it with -o FILE",
                "--output");
}

Result<OutputFile> OutputFile::open(const std::string& path, const std::vector<std::string>& inputs) {
  OutputFile output;
  if (path.empty() || path == "-") return output;
  output.path_ = path;
  std::error_code error;
  for (const std::string& input : inputs) {
    if (input == "-") continue;
    // The same file (links included), or the same path when it does not exist yet (a SQLite
    // -wal file comes and goes).
    std::error_code not_comparable;
    const bool same_file = std::filesystem::equivalent(path, input, not_comparable);
    std::error_code no_path;
    const auto output_path = std::filesystem::weakly_canonical(path, no_path);
    const bool same_path = !no_path && output_path == std::filesystem::weakly_canonical(input, no_path) && !no_path;
    if (same_file || same_path) {
      return Status(ErrorCode::kInvalidArgument,
                    "出力先 " + path + " は入力ファイル " + input + " と同じです。上書きすると記録が失われるため、別のファイル名を指定してください / the output " +
                        path + " is the input file " + input + "; writing the report there would destroy it: name another file",
                    "--output");
    }
  }
  const auto status = std::filesystem::status(path, error);
  if (!error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    // /dev/null, a FIFO, a terminal: write to it as it is. Renaming a temporary file over it
    // would replace the device itself (as root, /dev/null would become a plain file).
    output.file_.open(path, std::ios::binary);
    if (!output.file_) {
      return Status(ErrorCode::kInvalidArgument, "cannot write the report to " + path, "--output");
    }
    return output;
  }
  output.temporary_ = path + ".tmp-" + std::to_string(::getpid());
  output.file_.open(output.temporary_, std::ios::binary | std::ios::trunc);
  if (!output.file_) {
    return Status(ErrorCode::kInvalidArgument, "cannot create the report file " + path + " (directory missing or not writable?)",
                  "--output");
  }
  return output;
}

OutputFile::~OutputFile() {
  if (!temporary_.empty()) {
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
  }
}

std::ostream& OutputFile::stream() { return path_.empty() ? std::cout : static_cast<std::ostream&>(file_); }

Status OutputFile::commit() {
  if (path_.empty()) {
    std::cout.flush();
    if (!std::cout) return Status(ErrorCode::kInternal, "writing the report to standard output failed");
    return Status::ok();
  }
  file_.close();
  if (!file_) return Status(ErrorCode::kInternal, "writing the report file " + path_ + " failed (disk full?)", "--output");
  if (temporary_.empty()) return Status::ok();  // written in place (a device or FIFO)
  std::error_code error;
  std::filesystem::rename(temporary_, path_, error);
  if (error) return Status(ErrorCode::kInternal, "cannot move the report into place at " + path_ + ": " + error.message(), "--output");
  temporary_.clear();
  return Status::ok();
}

}  // namespace itaku::cli
