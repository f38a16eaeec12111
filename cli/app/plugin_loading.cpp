#include "app/plugin_loading.hpp"

namespace itaku::cli {

Result<PluginHost> load_plugins(const std::string& plugin_dir) {
  return PluginHost::load(PluginHost::plugin_directories(plugin_dir));
}

}  // namespace itaku::cli
