// Where a command writes its report: stdout, or a file that appears complete or not at all
// (written beside the target, renamed over it on success). An existing target that is not a
// regular file (/dev/null, a FIFO) is written in place.
#pragma once

#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "itaku/error.hpp"

namespace itaku::cli {

// A binary format (an xlsx workbook) is not written to a terminal, where it would show as noise
// (and the terminal filter would mangle it). Returns kInvalidArgument asking for -o FILE when
// `path` means stdout ("" or "-") and stdout is a terminal; a pipe or a file is fine.
Status binary_output_allowed(const std::string& path, const std::string& format);

class OutputFile {
 public:
  // "" or "-" means stdout. Errors: kInvalidArgument when the file cannot be created.
  // `inputs` are the files the command reads: writing over one of them would destroy it
  // (`review v.jsonl -o v.jsonl`, a registry's -wal file), so naming one as the output is
  // refused.
  static Result<OutputFile> open(const std::string& path, const std::vector<std::string>& inputs = {});
  OutputFile(OutputFile&&) noexcept = default;
  ~OutputFile();  // removes the temporary file if commit() was not reached

  std::ostream& stream();
  // Flushes and, for a file, renames it into place.
  Status commit();

 private:
  OutputFile() = default;
  std::string path_;
  std::string temporary_;
  std::ofstream file_;
};

}  // namespace itaku::cli
