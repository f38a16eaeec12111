// `itaku-serve` (run as `itaku serve`): the REST API over the registry.
//   itaku serve [--listen http://127.0.0.1:8080] [--db PATH|URL] [--plugin-dir DIR] [--threads N] [--queue N]
// SIGINT or SIGTERM stops it gracefully: requests in flight are answered, later ones refused
// with 503, then the database sessions close.
#include <signal.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "app/composition.hpp"
#include "app/registry_command_options.hpp"
#include "app/exit_codes.hpp"
#include "app/parse_errors.hpp"
#include "app/plugin_loading.hpp"
#include "kOpenApiDocument.hpp"
#include "rest/api.hpp"
#include "rest/database_workers.hpp"
#include "rest/listener.hpp"
#include "rest/service_pool.hpp"

namespace {

int fail(const itaku::Status& status) {
  std::cerr << "itaku serve: " << (status.path().empty() ? "" : status.path() + ": ") << status.message() << "\n";
  return itaku::cli::exit_code_for(status.code());
}

std::filesystem::path own_executable() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path("itaku-serve") : self;
}

}  // namespace

int main(int argc, char** argv) {
  // Before any thread starts, so that every thread inherits the mask and only sigwait sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A client that hangs up mid-reply must not kill the server.
  signal(SIGPIPE, SIG_IGN);
  // SQLite's memory statistics take one global mutex on every allocation: with a session per
  // thread that lock, not the work, bounded the server (before any connection is opened).
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);

  CLI::App app{"itaku serve: the REST API of the Itaku registry"};
  std::string listen = "http://127.0.0.1:8080";
  std::string db;
  std::string plugin_dir;
  std::string web_root;
  unsigned threads = 4;
  unsigned queue = 64;
  app.add_option("--listen", listen, "Address to listen on (loopback unless told otherwise)")->capture_default_str();
  app.add_option("--db", db, "SQLite file or postgresql:// URL (default: $ITAKU_DB, else ~/.local/share/itaku/itaku.db)")
      ->check(itaku::cli::database_option_check());
  app.add_option("--plugin-dir", plugin_dir, "Load plugins from this directory");
  app.add_option("--web-root", web_root,
                 "Serve the web application from this directory (default: share/itaku/web beside the installation)");
  app.add_option("--threads", threads,
                 "Threads reading and answering requests; as many database workers (each with its own session) "
                 "for reads and as many for writes")
      ->check(CLI::Range(1u, 64u))
      ->capture_default_str();
  app.add_option("--queue", queue, "Requests that may wait for a database worker, per lane (reads, writes); beyond, 503")
      ->check(CLI::Range(1u, 100000u))
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return itaku::cli::report_parse_error(app, error, "itaku-serve");
  }

  auto plugins = itaku::cli::load_plugins(plugin_dir);
  if (!plugins) return fail(plugins.status());
  auto pool = itaku::rest::ServicePool::open(itaku::cli::database_location(db, itaku::cli::DatabaseUse::kExistingOnly),
                                             itaku::rest::DatabaseWorkers::sessions_for(threads), *plugins);
  if (!pool) return fail(pool.status());
  itaku::rest::Api api(**pool, *plugins, std::string(kOpenApiDocument));
  const std::filesystem::path site_root = web_root.empty() ? itaku::rest::default_web_root(own_executable()) : std::filesystem::path(web_root);
  auto site = itaku::rest::StaticSite::load(site_root);
  if (site) {
    api.serve_site(std::move(site).value());
  } else if (!web_root.empty() || site.status().code() != itaku::ErrorCode::kNotFound) {
    return fail(site.status());  // a root asked for by name must be there
  } else {
    std::cerr << "itaku serve: no web application at " << site_root.string() << "; serving the API only" << std::endl;
  }
  itaku::rest::DatabaseWorkers workers(threads, queue);
  auto listener = itaku::rest::Listener::open(listen, api, workers, threads);
  if (!listener) return fail(listener.status());
  std::cerr << "itaku serve: listening on " << listen << " (" << (*pool)->describe() << ", " << threads
            << " threads, " << threads << " database workers for reads and " << threads
            << " for writes); stop with Ctrl-C or SIGTERM" << std::endl;

  int received = 0;
  sigwait(&stop_signals, &received);
  std::cerr << "itaku serve: " << (received == SIGINT ? "SIGINT" : "SIGTERM")
            << ": finishing the requests in flight" << std::endl;
  if (!(*listener)->drain(std::chrono::seconds(30))) {
    std::cerr << "itaku serve: requests still running after 30 s; stopping without waiting" << std::endl;
    std::_Exit(itaku::cli::kExitInternal);
  }
  // Nothing reaches the services any more (late requests are answered 503): end the workers,
  // close the database sessions, then end the process without closing the listener, which would
  // answer requests arriving meanwhile 404 (see Listener::close); the kernel closes its sockets.
  workers.stop();
  pool->reset();
  (void)(*listener)->stop_answering(std::chrono::seconds(2));
  std::cerr << "itaku serve: stopped" << std::endl;
  std::_Exit(itaku::cli::kExitOk);
}
