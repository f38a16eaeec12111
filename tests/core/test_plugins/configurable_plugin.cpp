// Deliberately faulty plugins for the host's failure tests, selected by compile definitions:
//   TEST_PLUGIN_NAME, TEST_PLUGIN_KIND     what it claims (kind default: test_kind)
//   TEST_API_MAJOR / TEST_API_MINOR        the API version it says it was built for
//   TEST_TOOLCHAIN                         its toolchain tag
//   TEST_THROW_ON_ASSESS                   assess() throws
//   TEST_NO_FACTORY                        exports the info but no factory
//   TEST_UNDEFINED_SYMBOL                  references a function no library defines
#include <stdexcept>

#include "itaku/plugin/api.hpp"

#ifndef TEST_API_MAJOR
#define TEST_API_MAJOR ITAKU_PLUGIN_API_MAJOR
#endif
#ifndef TEST_API_MINOR
#define TEST_API_MINOR ITAKU_PLUGIN_API_MINOR
#endif
#ifndef TEST_TOOLCHAIN
#define TEST_TOOLCHAIN ITAKU_PLUGIN_TOOLCHAIN
#endif
#ifndef TEST_PLUGIN_KIND
#define TEST_PLUGIN_KIND "test_kind"
#endif

#ifdef TEST_UNDEFINED_SYMBOL
extern "C" int itaku_test_function_that_does_not_exist();
#endif

namespace {

class ConfigurablePlugin final : public itaku::plugin::Plugin {
 public:
  std::vector<std::string> kinds() const override { return {TEST_PLUGIN_KIND}; }
  itaku::Catalogue catalogue() const override {
    return {itaku::Requirement{"TST-01", {"テスト要件", "test requirement"}, {itaku::Severity::kLow, itaku::Severity::kLow, itaku::Severity::kLow}, false, {}}};
  }
  std::string section_schema(const std::string&) const override { return R"({"type": "object"})"; }
  std::vector<itaku::Finding> assess(const itaku::plugin::AssessmentContext& context) const override {
#ifdef TEST_THROW_ON_ASSESS
    throw std::runtime_error("simulated failure on " + context.engagement.ref);
#else
    (void)context;
#ifdef TEST_UNDEFINED_SYMBOL
    if (itaku_test_function_that_does_not_exist() == 42) return {};
#endif
    return {};
#endif
  }
};

}  // namespace

ITAKU_PLUGIN_EXPORT const ItakuPluginInfo itaku_plugin_info = {TEST_API_MAJOR, TEST_API_MINOR, TEST_PLUGIN_NAME, "0.0.1-test",
                                                               TEST_TOOLCHAIN};
#ifndef TEST_NO_FACTORY
ITAKU_PLUGIN_EXPORT itaku::plugin::Plugin* itaku_create_plugin() { return new ConfigurablePlugin(); }
#endif
