// `itaku serve`: runs the REST server, a separate executable (itaku-serve) installed beside this
// one. Keeping cpprestsdk and its Boost/OpenSSL dependencies out of `itaku` keeps every other
// command's start-up fast (loading them costs ~3.5 ms per process).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include "app/exit_codes.hpp"
#include "commands/serve_command.hpp"

namespace itaku::cli {
namespace {

std::filesystem::path server_executable() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  return (error ? std::filesystem::path(".") : self.parent_path()) / "itaku-serve";
}

int run_serve(const std::vector<std::string>& arguments) {
  const std::string path = server_executable().string();
  std::vector<std::string> words = {path};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  std::cout.flush();
  ::execv(path.c_str(), argv.data());
  std::cerr << "itaku serve: cannot run " << path << ": " << std::strerror(errno)
            << " (itaku-serve is installed beside itaku; is the installation complete?)\n";
  return kExitInternal;
}

}  // namespace

void register_serve_command(CLI::App& app, int& exit_code) {
  CLI::App* serve = app.add_subcommand("serve", "Run the REST API (itaku serve --help for its options)");
  serve->prefix_command();  // every option belongs to itaku-serve
  serve->callback([serve, &exit_code] { exit_code = run_serve(serve->remaining()); });
}

}  // namespace itaku::cli
