// The ELF check run on every plugin file before dlopen (core/src/plugin/elf_check.cpp):
// any bytes give OK or a reason, reading only inside the file. When it says OK, the headers
// and every loadable segment it vouches for do lie inside the file.
#include <elf.h>

#include <cstring>
#include <sstream>

#include "fuzz_support.hpp"
#include "plugin/elf_check.hpp"

namespace {

// offset + length <= size, without the wrap-around that unsigned addition would hide.
bool fits(std::uint64_t offset, std::uint64_t length, std::uint64_t size) {
  return offset <= size && length <= size - offset;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in{std::string(itaku::fuzz::as_text(data, size))};
  const itaku::Status status = itaku::detail::check_elf_shared_object(in, size);
  if (!status) {
    itaku::fuzz::require_utf8(status.message(), "an ELF check message is not UTF-8");
    return 0;
  }
  Elf64_Ehdr header;
  itaku::fuzz::require(size >= sizeof header, "a file shorter than an ELF header passed");
  std::memcpy(&header, data, sizeof header);
  itaku::fuzz::require(header.e_type == ET_DYN, "a file that is not a shared object passed");
  itaku::fuzz::require(fits(header.e_phoff, std::uint64_t{header.e_phnum} * header.e_phentsize, size),
                       "program headers past the end of the file passed");
  for (std::size_t i = 0; i < header.e_phnum; ++i) {
    Elf64_Phdr segment;
    std::memcpy(&segment, data + header.e_phoff + i * sizeof segment, sizeof segment);
    if (segment.p_type != PT_LOAD && segment.p_type != PT_DYNAMIC) continue;
    itaku::fuzz::require(fits(segment.p_offset, segment.p_filesz, size), "a segment past the end of the file passed");
  }
  if (header.e_shoff != 0) {
    itaku::fuzz::require(fits(header.e_shoff, std::uint64_t{header.e_shnum} * header.e_shentsize, size),
                         "section headers past the end of the file passed");
  }
  return 0;
}
