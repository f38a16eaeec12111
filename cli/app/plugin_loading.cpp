#include "app/plugin_loading.hpp"

namespace itaku::cli {

Result<PluginHost> load_plugins(const std::string& plugin_dir) {
  auto host = PluginHost::load(PluginHost::plugin_directories(plugin_dir));
  if (host) return host;
  // Whatever the plugin's fault, for this command the installation is not as required.
  return Status(ErrorCode::kFailedPrecondition, host.status().message(), host.status().path());
}

}  // namespace itaku::cli
