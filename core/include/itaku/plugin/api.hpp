// The plugin API: the only thing an assessment plugin builds against (CMake target
// itaku::plugin_api, header-only). A plugin is a shared library exporting two C symbols:
//
//   itaku_plugin_info    const ItakuPluginInfo   read first: API version, name, toolchain
//   itaku_create_plugin  itaku::plugin::Plugin* ()  called only after the info was accepted
//
// ITAKU_DEFINE_PLUGIN(Class, "name", "version") defines both. Registration is explicit: the
// host calls the factory; nothing runs from static initialisers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "itaku/catalogue/requirement.hpp"
#include "itaku/domain/date.hpp"
#include "itaku/domain/engagement.hpp"
#include "itaku/domain/finding.hpp"
#include "itaku/domain/verification.hpp"

// Major: incompatible change of anything below. Minor: additions a newer host still accepts
// from an older plugin (host minor >= plugin minor).
#define ITAKU_PLUGIN_API_MAJOR 4  // 2: Person::active optional; 3: Verification::voided; 4: Requirement::basis
#define ITAKU_PLUGIN_API_MINOR 0

#define ITAKU_PLUGIN_STRINGIFY_(x) #x
#define ITAKU_PLUGIN_STRINGIFY(x) ITAKU_PLUGIN_STRINGIFY_(x)

// C++ objects cross the library boundary, so host and plugin must agree on compiler, standard
// library ABI and the nlohmann_json version. The host compares this tag byte for byte.
#define ITAKU_PLUGIN_TOOLCHAIN                                                       \
  "gcc-" ITAKU_PLUGIN_STRINGIFY(__GNUC__) "." ITAKU_PLUGIN_STRINGIFY(__GNUC_MINOR__) \
  "/cxx11abi-" ITAKU_PLUGIN_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)                        \
  "/cxx-" ITAKU_PLUGIN_STRINGIFY(__cplusplus)                                        \
  "/nlohmann-" ITAKU_PLUGIN_STRINGIFY(NLOHMANN_JSON_VERSION_MAJOR) "."               \
  ITAKU_PLUGIN_STRINGIFY(NLOHMANN_JSON_VERSION_MINOR)

extern "C" {
// Plain C so that it can be read safely from any plugin, however it was built.
struct ItakuPluginInfo {
  std::uint32_t api_major;
  std::uint32_t api_minor;
  const char* name;       // unique plugin name, e.g. "contractor"
  const char* version;    // plugin version, e.g. "1.0.0"
  const char* toolchain;  // ITAKU_PLUGIN_TOOLCHAIN of the plugin's build
};
}

namespace itaku::plugin {

// What a plugin sees of one record under review.
struct AssessmentContext {
  const Engagement& engagement;  // validated; engagement.section holds the plugin's section
  Date as_of;                    // the one review date every rule uses
  int tier;                      // 1..3, docs/review.md section 1
  VerificationState verification;
};

class Plugin {
 public:
  virtual ~Plugin() = default;

  // Engagement kinds this plugin assesses; each kind belongs to exactly one plugin.
  virtual std::vector<std::string> kinds() const = 0;
  // Every requirement the plugin may report, with titles and severities.
  virtual Catalogue catalogue() const = 0;
  // JSON Schema (draft-07 text) of the record's section named `kind`.
  virtual std::string section_schema(const std::string& kind) const = 0;
  // Findings for one valid record, at most one per requirement ID. May throw: the host turns
  // an exception into an error finding for that record. Called concurrently from several
  // threads during a batch review: it must not modify shared state.
  virtual std::vector<Finding> assess(const AssessmentContext& context) const = 0;
};

// A finding for `requirement` at `severity`, its message the requirement's title followed by
// an optional detail ("…: 保存場所 US").
inline Finding make_finding(const Requirement& requirement, Severity severity, const std::string& plugin,
                            const LocalizedText& detail = {}) {
  Finding finding{requirement.id, severity, plugin, requirement.title};
  if (!detail.ja.empty()) finding.message.ja += "（" + detail.ja + "）";
  if (!detail.en.empty()) finding.message.en += " (" + detail.en + ")";
  return finding;
}

}  // namespace itaku::plugin

#define ITAKU_PLUGIN_EXPORT extern "C" __attribute__((visibility("default")))

#define ITAKU_DEFINE_PLUGIN(PluginClass, plugin_name, plugin_version)                          \
  ITAKU_PLUGIN_EXPORT const ItakuPluginInfo itaku_plugin_info = {                             \
      ITAKU_PLUGIN_API_MAJOR, ITAKU_PLUGIN_API_MINOR, plugin_name, plugin_version,             \
      ITAKU_PLUGIN_TOOLCHAIN};                                                                \
  ITAKU_PLUGIN_EXPORT ::itaku::plugin::Plugin* itaku_create_plugin() { return new PluginClass(); }
