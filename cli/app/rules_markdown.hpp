// docs/rules.md as the binary sees it: every requirement of core and of the loaded plugins, with
// its severity by tier, when it applies and the guideline item behind it. `itaku plugins list
// --format md` prints it; a test holds the committed file equal to it.
#pragma once

#include <string>

#include "itaku/plugin/host.hpp"

namespace itaku::cli {

std::string rules_markdown(const PluginHost& host);

}  // namespace itaku::cli
