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
  if (positioned_for_reading_) {
    positioned_for_reading_ = false;
    if (std::fseek(file_.get(), 0, SEEK_END) != 0) {
      failed_ = true;
      return;
    }
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
  positioned_for_reading_ = true;
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
}

void SpoolFile::read(std::size_t offset, std::size_t length, std::string& into) {
  if (failed_) throw_spool_error("create or write failed (disk full?)");
  if (offset > size_ || length > size_ - offset) throw_spool_error("read past the end");
  into.resize(length);
  if (length == 0) return;
  std::FILE* file = file_.get();
  // pread leaves the stream's position alone, so appends and copy_to are unaffected; only
  // what stdio still buffers must reach the file first.
  if (std::fflush(file) != 0) throw_spool_error(std::strerror(errno));
  std::size_t done = 0;
  while (done < length) {
    const ssize_t got = ::pread(::fileno(file), into.data() + done, length - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) throw_spool_error(got < 0 ? std::strerror(errno) : "short read");
    done += static_cast<std::size_t>(got);
  }
}

}  // namespace itaku::detail
