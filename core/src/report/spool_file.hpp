// An anonymous temporary file for report parts that must be printed after something known
// only at the end (a summary, a grouping). It keeps a writer's memory flat however many
// records pass through.
#pragma once

#include <cstdio>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace itaku::detail {

class SpoolFile {
 public:
  SpoolFile() = default;
  SpoolFile(const SpoolFile&) = delete;
  SpoolFile& operator=(const SpoolFile&) = delete;
  SpoolFile(SpoolFile&&) noexcept = default;
  SpoolFile& operator=(SpoolFile&&) noexcept = default;

  // Appends bytes. The file is created on first use (in $TMPDIR, else /tmp, and unlinked at
  // once, so nothing is left behind even after a crash). Never throws: a failure to create or
  // write is remembered and reported by copy_to().
  void append(std::string_view bytes) noexcept;

  bool empty() const noexcept { return size_ == 0; }
  std::size_t size() const noexcept { return size_; }

  // Replaces `into` with `length` bytes from `offset` (both within size()). Throws itaku::Error
  // (kUnavailable) like copy_to.
  void read(std::size_t offset, std::size_t length, std::string& into);

  // Writes everything appended so far to `out`. Throws itaku::Error (kUnavailable) when the
  // temporary file could not be created, written or read back, or when `out` fails.
  void copy_to(std::ostream& out);

 private:
  struct FileCloser {
    void operator()(std::FILE* file) const noexcept { std::fclose(file); }
  };
  std::unique_ptr<std::FILE, FileCloser> file_;
  std::size_t size_ = 0;
  bool failed_ = false;
  bool positioned_for_reading_ = false;  // stdio needs a seek before the next write
};

}  // namespace itaku::detail
