#include "plugin/elf_check.hpp"

#include <elf.h>

#include <cstring>
#include <limits>
#include <fstream>
#include <string>
#include <vector>

namespace itaku::detail {
namespace {

#if defined(__x86_64__)
constexpr Elf64_Half kHostMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr Elf64_Half kHostMachine = EM_AARCH64;
#else
constexpr Elf64_Half kHostMachine = EM_NONE;  // unknown: machine not checked
#endif

Status invalid(const std::string& reason) { return Status(ErrorCode::kInvalidArgument, reason); }

Status truncated(std::uint64_t needed, std::uint64_t size) {
  return invalid("the file is truncated or damaged: it has " + std::to_string(size) + " bytes but its ELF headers need " +
                 std::to_string(needed) + " (copy or rebuild the plugin)");
}

// Where `length` bytes from `offset` end; the largest offset there is when the sum does not fit
// in 64 bits, since such a header lies past the end of any file. (An unchecked sum wrapped around
// and let an e_shoff near 2^64 pass as inside the file; found by fuzzing.)
std::uint64_t end_of(std::uint64_t offset, std::uint64_t length) {
  return length > std::numeric_limits<std::uint64_t>::max() - offset ? std::numeric_limits<std::uint64_t>::max()
                                                                     : offset + length;
}

}  // namespace

Status check_elf_shared_object(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return invalid("cannot open the file for reading");
  in.seekg(0, std::ios::end);
  const std::uint64_t size = static_cast<std::uint64_t>(in.tellg());
  in.seekg(0);
  return check_elf_shared_object(in, size);
}

Status check_elf_shared_object(std::istream& in, std::uint64_t size) {
  Elf64_Ehdr header{};
  if (size < sizeof header || !in.read(reinterpret_cast<char*>(&header), sizeof header)) {
    return invalid("not a shared library (too short to be an ELF file)");
  }
  if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0) return invalid("not a shared library (no ELF header)");
  if (header.e_ident[EI_CLASS] != ELFCLASS64) return invalid("not a 64-bit ELF file");
  if (header.e_type != ET_DYN) return invalid("an ELF file, but not a shared library");
  if (kHostMachine != EM_NONE && header.e_machine != kHostMachine) {
    return invalid("a shared library for another processor (ELF machine " + std::to_string(header.e_machine) + ")");
  }
  if (header.e_phentsize != sizeof(Elf64_Phdr) || header.e_phnum == 0) return invalid("ELF program headers are malformed");

  // e_phnum and e_*entsize are 16-bit: their product cannot overflow, the sum with the offset can.
  const std::uint64_t program_headers_end =
      end_of(header.e_phoff, static_cast<std::uint64_t>(header.e_phnum) * header.e_phentsize);
  if (program_headers_end > size) return truncated(program_headers_end, size);
  if (header.e_shoff != 0) {
    const std::uint64_t section_headers_end =
        end_of(header.e_shoff, static_cast<std::uint64_t>(header.e_shnum) * header.e_shentsize);
    if (section_headers_end > size) return truncated(section_headers_end, size);
  }

  std::vector<Elf64_Phdr> segments(header.e_phnum);
  in.seekg(static_cast<std::streamoff>(header.e_phoff));
  if (!in.read(reinterpret_cast<char*>(segments.data()),
               static_cast<std::streamsize>(segments.size() * sizeof(Elf64_Phdr)))) {
    return invalid("cannot read the ELF program headers");
  }
  for (const auto& segment : segments) {
    if (segment.p_type != PT_LOAD && segment.p_type != PT_DYNAMIC) continue;
    const std::uint64_t end = end_of(segment.p_offset, segment.p_filesz);
    if (end > size) return truncated(end, size);
  }
  return Status::ok();
}

}  // namespace itaku::detail
