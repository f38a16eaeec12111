// The real plugins as built, loaded once per test binary.
#pragma once

#include <catch2/catch.hpp>

#include "itaku/plugin/host.hpp"

namespace itaku::test {

inline const PluginHost& real_plugins() {
  static const PluginHost host = [] {
    auto loaded = PluginHost::load({ITAKU_PLUGIN_BUILD_DIR});
    if (!loaded) FAIL("cannot load the built plugins: " << loaded.status().to_string());
    return std::move(loaded).value();
  }();
  return host;
}

}  // namespace itaku::test
