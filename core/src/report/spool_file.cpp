#include "report/spool_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "itaku/error.hpp"

namespace itaku::detail {

namespace {

// std::tmpfile ignores $TMPDIR, and /tmp is often a RAM-backed tmpfs: a large report spooled
// there would cost the very memory spooling is meant to save. So honour $TMPDIR.
std::FILE* open_anonymous_file() noexcept {
  const char* directory = std::getenv("TMPDIR");
  if (directory == nullptr || *directory == '\0') directory = "/tmp";
  std::string pattern = std::string(directory) + "/itaku-report-XXXXXX";
  const int descriptor = ::mkstemp(pattern.data());
  if (descriptor < 0) return std::tmpfile();
  ::unlink(pattern.c_str());
  std::FILE* file = ::fdopen(descriptor, "w+b");
  if (file == nullptr) ::close(descriptor);
  return file;
}

[[noreturn]] void throw_spool_error(std::string_view what) {
  throw Error(ErrorCode::kUnavailable,
              "レポートの一時ファイルを利用できません / report temporary file unusable: " + std::string(what));
}

}  // namespace

void SpoolFile::append(std::string_view bytes) noexcept {
  if (failed_ || bytes.empty()) return;
  if (!file_) {
    file_.reset(open_anonymous_file());
    if (!file_) {
      failed_ = true;
      return;
    }
    // Larger than stdio's default buffer: spooled parts are written in many small pieces.
    std::setvbuf(file_.get(), nullptr, _IOFBF, 1 << 16);
  }
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_.get()) != bytes.size()) {
    failed_ = true;
    return;
  }
  size_ += bytes.size();
}

void SpoolFile::copy_to(std::ostream& out) {
  if (failed_) throw_spool_error("create or write failed (disk full?)");
  if (size_ == 0) return;
  std::FILE* file = file_.get();
  if (std::fflush(file) != 0 || std::fseek(file, 0, SEEK_SET) != 0) throw_spool_error(std::strerror(errno));
  std::vector<char> buffer(1 << 16);
  std::size_t copied = 0;
  while (copied < size_) {
    const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), file);
    if (got == 0) throw_spool_error("short read");
    out.write(buffer.data(), static_cast<std::streamsize>(got));
    if (!out) throw Error(ErrorCode::kUnavailable, "レポートを書き込めません / cannot write the report");
    copied += got;
  }
  // Later appends continue at the end.
  std::fseek(file, 0, SEEK_END);
}

}  // namespace itaku::detail
