#include "rest/server_log.hpp"

#include <cstdio>
#include <mutex>
#include <random>

namespace itaku::rest {
namespace {

std::string new_id() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static const char* kHex = "0123456789abcdef";
  std::uint64_t value = generator();
  std::string id(16, '0');
  for (char& digit : id) {
    digit = kHex[value & 0xF];
    value >>= 4;
  }
  return id;
}

}  // namespace

std::string log_fault(const std::string& detail) {
  const std::string id = new_id();
  // One entry per fault, whole: a multi-line message (PostgreSQL's DETAIL and CONTEXT lines) is
  // indented under its first line, and entries from threads never interleave.
  std::string entry = "itaku serve: error " + id + ": ";
  for (char c : detail) {
    entry += c;
    if (c == '\n') entry += "    ";
  }
  entry += '\n';
  static std::mutex mutex;
  const std::lock_guard<std::mutex> lock(mutex);
  std::fwrite(entry.data(), 1, entry.size(), stderr);
  std::fflush(stderr);
  return id;
}

}  // namespace itaku::rest
