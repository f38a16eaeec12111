// Boost.DLL stays in this file: the public header only knows LoadedPlugin and PluginHost.
#include "itaku/plugin/host.hpp"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <set>
#include <sstream>
#include <system_error>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include "plugin/elf_check.hpp"

namespace itaku {
namespace {

namespace fs = std::filesystem;

constexpr const char* kInfoSymbol = "itaku_plugin_info";
constexpr const char* kFactorySymbol = "itaku_create_plugin";

Status plugin_error(ErrorCode code, const fs::path& file, const std::string& reason) {
  return Status(code, "plugin " + file.string() + ": " + reason, file.string());
}

std::string api_version_text(unsigned major, unsigned minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

// Reads the plain-C info block and decides whether the rest of the library may be touched.
Status check_info(const ItakuPluginInfo& info, const fs::path& file) {
  const std::string host_api = api_version_text(ITAKU_PLUGIN_API_MAJOR, ITAKU_PLUGIN_API_MINOR);
  const std::string plugin_api = api_version_text(info.api_major, info.api_minor);
  const std::string name = info.name ? info.name : "(unnamed)";
  if (info.api_major != ITAKU_PLUGIN_API_MAJOR || info.api_minor > ITAKU_PLUGIN_API_MINOR) {
    return plugin_error(ErrorCode::kFailedPrecondition, file,
                        "'" + name + "' was built for plugin API " + plugin_api + ", but this itaku provides API " +
                            host_api + " (same major and a minor up to " + host_api + " required); rebuild the plugin");
  }
  if (!info.name || !*info.name || !info.version || !*info.version) {
    return plugin_error(ErrorCode::kInvalidArgument, file, "the plugin info has no name or no version");
  }
  const std::string toolchain = info.toolchain ? info.toolchain : "";
  if (toolchain != ITAKU_PLUGIN_TOOLCHAIN) {
    return plugin_error(ErrorCode::kFailedPrecondition, file,
                        "'" + name + "' was built with toolchain '" + toolchain + "', but this itaku was built with '" +
                            ITAKU_PLUGIN_TOOLCHAIN + "'; rebuild the plugin with the same compiler and libraries");
  }
  return Status::ok();
}

std::string describe_load_failure(const std::exception& error) {
  // Boost's text for dlopen failures mixes in errno strings that mislead; keep dlerror()'s
  // part, which names the real cause (no ELF header, file too short, undefined symbol ...).
  std::string text = error.what();
  const std::string noise = ": Bad file descriptor";
  if (auto at = text.find(noise); at != std::string::npos) text.erase(at, noise.size());
  return text;
}

}  // namespace

const std::string& LoadedPlugin::section_schema(const std::string& kind) const {
  static const std::string kNone;
  auto it = section_schemas_.find(kind);
  return it == section_schemas_.end() ? kNone : it->second;
}

std::vector<fs::path> PluginHost::plugin_directories(const fs::path& override_dir) {
  if (!override_dir.empty()) return {override_dir};
  if (const char* env = std::getenv("ITAKU_PLUGIN_PATH"); env && *env) {
    std::vector<fs::path> directories;
    std::stringstream list(env);
    for (std::string entry; std::getline(list, entry, ':');) {
      if (!entry.empty()) directories.emplace_back(entry);
    }
    if (!directories.empty()) return directories;
  }
  std::error_code error;
  const auto executable = boost::dll::program_location(error);
  if (error) return {fs::path(ITAKU_PLUGIN_RELATIVE_DIR)};
  return {(fs::path(executable.parent_path().string()) / ITAKU_PLUGIN_RELATIVE_DIR).lexically_normal()};
}

Result<LoadedPlugin> PluginHost::load_file(const fs::path& file) {
  std::error_code fs_error;
  if (!fs::is_regular_file(file, fs_error)) {
    return plugin_error(ErrorCode::kNotFound, file, "no such plugin file");
  }
  if (Status elf = detail::check_elf_shared_object(file); !elf) {
    return plugin_error(ErrorCode::kInvalidArgument, file, "cannot be loaded as a plugin: " + elf.message());
  }
  auto library = std::make_shared<boost::dll::shared_library>();
  try {
    // rtld_now: a missing symbol must fail here, not kill the process at its first call.
    library->load(file.string(), boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& error) {
    return plugin_error(ErrorCode::kInvalidArgument, file,
                        "cannot be loaded as a shared library: " + describe_load_failure(error));
  }
  if (!library->has(kInfoSymbol)) {
    return plugin_error(ErrorCode::kInvalidArgument, file,
                        std::string("is not an Itaku plugin: it exports no '") + kInfoSymbol + "'");
  }
  const auto& info = library->get<const ItakuPluginInfo>(kInfoSymbol);
  if (Status status = check_info(info, file); !status) return status;
  if (!library->has(kFactorySymbol)) {
    return plugin_error(ErrorCode::kInvalidArgument, file,
                        std::string("exports no factory '") + kFactorySymbol + "'");
  }

  LoadedPlugin loaded;
  auto description = std::make_shared<PluginDescription>();
  description->name = info.name;
  description->version = info.version;
  description->api_major = info.api_major;
  description->api_minor = info.api_minor;
  description->toolchain = info.toolchain;
  description->file = file;
  try {
    auto* factory = library->get<plugin::Plugin*()>(kFactorySymbol);
    plugin::Plugin* raw = factory();
    if (!raw) return plugin_error(ErrorCode::kInternal, file, "the factory returned no plugin");
    // The object's code lives in the library: the deleter keeps the library loaded until the
    // last handle is gone.
    loaded.plugin_ = std::shared_ptr<const plugin::Plugin>(raw, [library](const plugin::Plugin* p) { delete p; });
    description->kinds = raw->kinds();
    description->catalogue = raw->catalogue();
    for (const auto& kind : description->kinds) loaded.section_schemas_[kind] = raw->section_schema(kind);
  } catch (const std::exception& error) {
    return plugin_error(ErrorCode::kInternal, file, std::string("failed while describing itself: ") + error.what());
  } catch (...) {
    return plugin_error(ErrorCode::kInternal, file, "failed while describing itself (unknown exception)");
  }
  if (description->kinds.empty()) {
    return plugin_error(ErrorCode::kInvalidArgument, file, "'" + description->name + "' declares no kinds");
  }
  loaded.description_ = std::move(description);
  return loaded;
}

Result<PluginHost> PluginHost::load(const std::vector<fs::path>& directories) {
  std::vector<fs::path> files;
  for (const auto& directory : directories) {
    std::error_code error;
    if (!fs::is_directory(directory, error)) {
      return Status(ErrorCode::kNotFound,
                    "plugin directory " + directory.string() +
                        " does not exist (use --plugin-dir or ITAKU_PLUGIN_PATH to point at the plugins)",
                    directory.string());
    }
    for (const auto& entry : fs::directory_iterator(directory, error)) {
      if (entry.path().extension() == ".so") files.push_back(entry.path());
    }
  }
  // Deterministic order: the same directory always yields the same catalogue listing.
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::string listed;
    for (const auto& d : directories) listed += (listed.empty() ? "" : ", ") + d.string();
    return Status(ErrorCode::kNotFound, "no plugins (*.so) found in " + listed, listed);
  }

  PluginHost host;
  std::set<std::string> names;
  for (const auto& file : files) {
    auto loaded = load_file(file);
    if (!loaded) return loaded.status();
    const auto& description = loaded->description();
    if (!names.insert(description.name).second) {
      const auto& other = *std::find_if(host.plugins_.begin(), host.plugins_.end(), [&](const LoadedPlugin& p) {
        return p.description().name == description.name;
      });
      return plugin_error(ErrorCode::kAlreadyExists, file,
                          "plugin name '" + description.name + "' (version " + description.version +
                              ") is also used by " + other.description().file.string() + " (version " +
                              other.description().version + ")");
    }
    for (const auto& kind : description.kinds) {
      if (auto taken = host.by_kind_.find(kind); taken != host.by_kind_.end()) {
        const auto& other = host.plugins_[taken->second].description();
        return plugin_error(ErrorCode::kAlreadyExists, file,
                            "'" + description.name + "' " + description.version + " claims kind '" + kind +
                                "', already claimed by '" + other.name + "' " + other.version + " in " +
                                other.file.string());
      }
      host.by_kind_[kind] = host.plugins_.size();
    }
    host.plugins_.push_back(std::move(loaded).value());
  }
  return host;
}

const LoadedPlugin* PluginHost::for_kind(const std::string& kind) const {
  auto it = by_kind_.find(kind);
  return it == by_kind_.end() ? nullptr : &plugins_[it->second];
}

}  // namespace itaku
