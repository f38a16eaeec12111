// What the fuzz targets share: failing loudly on a broken promise (libFuzzer saves the input of
// any abort), the input as text, and the real plugins for the targets that review records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "io/text_encoding.hpp"
#include "itaku/plugin/host.hpp"

namespace itaku::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A promise of the code under test did not hold: abort, so that libFuzzer keeps the input.
[[noreturn]] inline void fail(std::string_view what, std::string_view detail = {}) {
  std::fprintf(stderr, "\nFUZZ CHECK FAILED: %.*s\n%.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

inline void require(bool holds, std::string_view what, std::string_view detail = {}) {
  if (!holds) fail(what, detail);
}

// Messages reach reports, terminals and JSON bodies: they must be UTF-8 whatever the input was.
inline void require_utf8(std::string_view message, std::string_view what) {
  require(detail::is_valid_utf8(message), what, message);
}

// The JSON text a writer produced must parse back.
inline nlohmann::json require_json(const std::string& text, std::string_view what) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& error) {
    fail(what, text + "\n" + error.what());
  }
}

// The plugins built beside the fuzz targets (<build>/lib/itaku/plugins), loaded once.
inline const PluginHost& real_plugins() {
  static const PluginHost host = [] {
    auto loaded = PluginHost::load(PluginHost::plugin_directories());
    if (!loaded) fail("cannot load the plugins of the fuzz build", loaded.status().to_string());
    return std::move(loaded).value();
  }();
  return host;
}

}  // namespace itaku::fuzz
