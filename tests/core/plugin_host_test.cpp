#include <catch2/catch.hpp>

#include <elf.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "itaku/plugin/host.hpp"
#include "plugin/elf_check.hpp"
#include "plugin_fixture.hpp"

using namespace itaku;
namespace fs = std::filesystem;

namespace {

fs::path test_plugin(const std::string& name) {
  return fs::path(ITAKU_TEST_PLUGIN_ROOT) / name / ("itaku-" + name + ".so");
}

fs::path real_plugin(const std::string& name) { return fs::path(ITAKU_PLUGIN_BUILD_DIR) / ("itaku-" + name + ".so"); }

// A fresh directory per test, removed at the end.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag) {
    path = fs::temp_directory_path() / ("itaku-host-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the real plugins load with their kinds, versions and catalogues", "[plugin][host]") {
  const PluginHost& host = test::real_plugins();
  REQUIRE(host.plugins().size() == 3);
  for (const std::string kind : {"contractor", "cloud", "social_media"}) {
    const LoadedPlugin* plugin = host.for_kind(kind);
    REQUIRE(plugin);
    CHECK(plugin->description().name == kind);
    CHECK(plugin->description().api_major == ITAKU_PLUGIN_API_MAJOR);
    CHECK_FALSE(plugin->description().catalogue.empty());
    CHECK_FALSE(plugin->section_schema(kind).empty());
  }
  CHECK(host.for_kind("printer") == nullptr);
}

TEST_CASE("a good test plugin loads on its own", "[plugin][host]") {
  auto loaded = PluginHost::load_file(test_plugin("good"));
  REQUIRE(loaded);
  CHECK(loaded->description().name == "good");
  CHECK(loaded->description().kinds == std::vector<std::string>{"test_kind"});
}

TEST_CASE("a wrong API major version is refused naming the file and both versions", "[plugin][host]") {
  auto loaded = PluginHost::load_file(test_plugin("wrong_major"));
  REQUIRE_FALSE(loaded);
  CHECK(loaded.status().code() == ErrorCode::kFailedPrecondition);
  const std::string& message = loaded.status().message();
  CHECK(contains(message, test_plugin("wrong_major").string()));
  CHECK(contains(message, "API 99.0"));
  CHECK(contains(message, "API " + std::to_string(ITAKU_PLUGIN_API_MAJOR) + "." + std::to_string(ITAKU_PLUGIN_API_MINOR)));
}

TEST_CASE("a plugin needing a newer API minor is refused", "[plugin][host]") {
  auto loaded = PluginHost::load_file(test_plugin("newer_minor"));
  REQUIRE_FALSE(loaded);
  CHECK(loaded.status().code() == ErrorCode::kFailedPrecondition);
}

TEST_CASE("a plugin built with another toolchain is refused", "[plugin][host]") {
  auto loaded = PluginHost::load_file(test_plugin("wrong_toolchain"));
  REQUIRE_FALSE(loaded);
  CHECK(contains(loaded.status().message(), "gcc-4.8/cxx11abi-0"));
  CHECK(contains(loaded.status().message(), ITAKU_PLUGIN_TOOLCHAIN));
}

TEST_CASE("a plugin without a factory is refused", "[plugin][host]") {
  auto loaded = PluginHost::load_file(test_plugin("no_factory"));
  REQUIRE_FALSE(loaded);
  CHECK(contains(loaded.status().message(), "itaku_create_plugin"));
}

TEST_CASE("a plugin with an unresolved symbol fails at load, not at first call", "[plugin][host]") {
  auto loaded = PluginHost::load_file(test_plugin("undefined_symbol"));
  REQUIRE_FALSE(loaded);
  CHECK(loaded.status().code() == ErrorCode::kInvalidArgument);
  CHECK(contains(loaded.status().message(), "itaku_test_function_that_does_not_exist"));
}

TEST_CASE("a truncated plugin file is a clear error", "[plugin][host]") {
  TempDir dir("truncated");
  const fs::path truncated = dir.path / "itaku-contractor.so";
  fs::copy_file(real_plugin("contractor"), truncated);
  // Cut inside the loadable segments: glibc's dlopen would die of SIGBUS on this file, so the
  // host must refuse it before dlopen sees it.
  for (const std::uintmax_t size : {std::uintmax_t{4096}, fs::file_size(truncated) / 2, std::uintmax_t{100}}) {
    fs::resize_file(truncated, size);
    auto loaded = PluginHost::load_file(truncated);
    REQUIRE_FALSE(loaded);
    CHECK(loaded.status().code() == ErrorCode::kInvalidArgument);
    CHECK(contains(loaded.status().message(), truncated.string()));
  }
  // the same through directory loading
  auto host = PluginHost::load({dir.path});
  REQUIRE_FALSE(host);
  CHECK(contains(host.status().message(), truncated.string()));
}

namespace {

// The smallest shared object the ELF check accepts: a header and one loadable segment that
// covers the file (tests/fuzz/regressions/elf_check/seed-smallest-shared-object).
struct SmallestElf {
  Elf64_Ehdr header{};
  Elf64_Phdr segment{};
  SmallestElf() {
    std::memcpy(header.e_ident, ELFMAG, SELFMAG);
    header.e_ident[EI_CLASS] = ELFCLASS64;
    header.e_ident[EI_DATA] = ELFDATA2LSB;
    header.e_ident[EI_VERSION] = EV_CURRENT;
    header.e_type = ET_DYN;
    header.e_machine = EM_X86_64;
    header.e_version = EV_CURRENT;
    header.e_phoff = sizeof header;
    header.e_ehsize = sizeof header;
    header.e_phentsize = sizeof segment;
    header.e_phnum = 1;
    segment.p_type = PT_LOAD;
    segment.p_filesz = segment.p_memsz = sizeof header + sizeof segment;
  }
  Status check() const {
    std::string bytes(reinterpret_cast<const char*>(&header), sizeof header);
    bytes.append(reinterpret_cast<const char*>(&segment), sizeof segment);
    std::istringstream in(bytes);
    return detail::check_elf_shared_object(in, bytes.size());
  }
};

}  // namespace

TEST_CASE("ELF headers whose offset plus size passes 2^64 are past the end, not wrapped inside the file",
          "[plugin][host][elf]") {
#if defined(__x86_64__)
  REQUIRE(SmallestElf().check().is_ok());
  constexpr std::uint64_t kNearMax = std::numeric_limits<std::uint64_t>::max() - 2;
  SECTION("section headers") {
    SmallestElf elf;
    elf.header.e_shoff = kNearMax;  // + 1 * 258 wrapped to 255, which the fuzzer's 890-byte file held
    elf.header.e_shnum = 1;
    elf.header.e_shentsize = 258;
    const Status status = elf.check();
    CHECK(status.code() == ErrorCode::kInvalidArgument);
    CHECK(contains(status.message(), "truncated"));
  }
  SECTION("program headers") {
    SmallestElf elf;
    elf.header.e_phoff = kNearMax;
    CHECK(contains(elf.check().message(), "truncated"));
  }
  SECTION("a loadable segment") {
    SmallestElf elf;
    elf.segment.p_offset = kNearMax;
    CHECK(contains(elf.check().message(), "truncated"));
  }
#endif
}

TEST_CASE("a file that is not ELF is a clear error", "[plugin][host]") {
  TempDir dir("notelf");
  const fs::path fake = dir.path / "itaku-readme.so";
  {
    std::ofstream out(fake);
    for (int i = 0; i < 20; ++i) out << "これは共有ライブラリではありません\n";
  }
  auto loaded = PluginHost::load_file(fake);
  REQUIRE_FALSE(loaded);
  CHECK(contains(loaded.status().message(), fake.string()));
  CHECK(contains(loaded.status().message(), "no ELF header"));
}

TEST_CASE("missing plugin file and missing or empty directory are errors", "[plugin][host]") {
  auto file = PluginHost::load_file("/nonexistent/itaku-x.so");
  REQUIRE_FALSE(file);
  CHECK(file.status().code() == ErrorCode::kNotFound);
  auto dir = PluginHost::load({"/nonexistent/plugins"});
  REQUIRE_FALSE(dir);
  CHECK(dir.status().code() == ErrorCode::kNotFound);
  CHECK(contains(dir.status().message(), "/nonexistent/plugins"));
  TempDir empty("empty");
  auto none = PluginHost::load({empty.path});
  REQUIRE_FALSE(none);
  CHECK(contains(none.status().message(), "no plugins"));
}

TEST_CASE("two plugins claiming one kind are refused naming both files and versions", "[plugin][host]") {
  TempDir dir("duplicate");
  fs::copy_file(real_plugin("contractor"), dir.path / "itaku-contractor.so");
  fs::copy_file(test_plugin("second_contractor"), dir.path / "itaku-second_contractor.so");
  auto host = PluginHost::load({dir.path});
  REQUIRE_FALSE(host);
  CHECK(host.status().code() == ErrorCode::kAlreadyExists);
  const std::string& message = host.status().message();
  CHECK(contains(message, "itaku-contractor.so"));
  CHECK(contains(message, "itaku-second_contractor.so"));
  CHECK(contains(message, "0.0.1-test"));
  CHECK(contains(message, "1.0.0"));  // the real contractor plugin's version
  CHECK(contains(message, "'contractor'"));
}

TEST_CASE("plugin directories: override, then ITAKU_PLUGIN_PATH, then beside the executable", "[plugin][host]") {
  CHECK(PluginHost::plugin_directories("/opt/x") == std::vector<fs::path>{"/opt/x"});
  ::setenv("ITAKU_PLUGIN_PATH", "/a:/b", 1);
  CHECK(PluginHost::plugin_directories() == std::vector<fs::path>{"/a", "/b"});
  ::unsetenv("ITAKU_PLUGIN_PATH");
  const auto defaults = PluginHost::plugin_directories();
  REQUIRE(defaults.size() == 1);
  CHECK(fs::equivalent(defaults[0], ITAKU_PLUGIN_BUILD_DIR));
}

TEST_CASE("a plugin object keeps its library loaded after the host is gone", "[plugin][host]") {
  std::optional<LoadedPlugin> kept;
  {
    auto host = PluginHost::load({ITAKU_PLUGIN_BUILD_DIR});
    REQUIRE(host);
    kept = *host->for_kind("cloud");
  }
  // calling into the plugin after the host was destroyed must still work
  CHECK_FALSE(kept->plugin().catalogue().empty());
  CHECK(kept->plugin().kinds() == std::vector<std::string>{"cloud"});
}
