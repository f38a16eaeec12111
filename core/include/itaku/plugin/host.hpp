// Finds, checks and keeps loaded the assessment plugins. A plugin file is trusted only after
// its plain-C info (API version, toolchain tag) has been read and accepted; any failure is an
// itaku::Status naming the file, never a crash of the host.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "itaku/catalogue/requirement.hpp"
#include "itaku/error.hpp"
#include "itaku/plugin/api.hpp"

namespace itaku {

struct PluginDescription {
  std::string name;
  std::string version;
  unsigned api_major = 0;
  unsigned api_minor = 0;
  std::string toolchain;
  std::filesystem::path file;
  std::vector<std::string> kinds;
  Catalogue catalogue;
};

// A loaded plugin: its description, its object and the schema of each kind's section.
// Holds the shared library open for as long as any copy of the handle lives.
class LoadedPlugin {
 public:
  const PluginDescription& description() const { return *description_; }
  const plugin::Plugin& plugin() const { return *plugin_; }
  // Section schema text for `kind`, as declared by the plugin.
  const std::string& section_schema(const std::string& kind) const;

 private:
  friend class PluginHost;
  std::shared_ptr<const PluginDescription> description_;
  std::shared_ptr<const plugin::Plugin> plugin_;  // its deleter keeps the library loaded
  std::map<std::string, std::string> section_schemas_;
};

class PluginHost {
 public:
  // The plugin directory: `override_dir` if non-empty, else $ITAKU_PLUGIN_PATH (':'-separated
  // directories), else the directory relative to the running executable that the build and the
  // install tree both use (<bin>/../lib/itaku/plugins).
  static std::vector<std::filesystem::path> plugin_directories(const std::filesystem::path& override_dir = {});

  // Loads every *.so in the directories. Errors: kNotFound (directory missing or no plugin in
  // it), kInvalidArgument (not a loadable library, missing symbol), kFailedPrecondition (API or
  // toolchain mismatch), kAlreadyExists (two plugins claim one kind; both files named).
  static Result<PluginHost> load(const std::vector<std::filesystem::path>& directories);
  // Loads exactly one file (tests, diagnostics). Same errors as load().
  static Result<LoadedPlugin> load_file(const std::filesystem::path& file);

  const std::vector<LoadedPlugin>& plugins() const { return plugins_; }
  // The plugin assessing `kind`; nullptr when none does.
  const LoadedPlugin* for_kind(const std::string& kind) const;

 private:
  std::vector<LoadedPlugin> plugins_;
  std::map<std::string, size_t> by_kind_;
};

}  // namespace itaku
