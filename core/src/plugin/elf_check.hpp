// A plugin file is checked as ELF before dlopen sees it: glibc maps a truncated library's
// segments past the end of the file and dies of SIGBUS inside dlopen, which no try/catch sees.
#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>

#include "itaku/error.hpp"

namespace itaku::detail {

// OK when `file` is a complete ELF shared object for this machine; otherwise kInvalidArgument
// saying what is wrong (not ELF, wrong class or machine, truncated to N of M bytes).
Status check_elf_shared_object(const std::filesystem::path& file);

// The same check on the contents of a file of `size` bytes, read from `in` (tests, fuzzing).
Status check_elf_shared_object(std::istream& in, std::uint64_t size);

}  // namespace itaku::detail
