// trivial_rest_server: the framework's limit for bench/rest_bench.sh. A cpprestsdk listener set up
// like itaku-serve (same thread pool, same extra headers) that answers every request, whatever the
// method and path, with 200 and the bytes of one file as application/json, after reading the whole
// request body into a string.
//   trivial_rest_server --listen http://127.0.0.1:PORT --body FILE [--threads N]
// SIGINT or SIGTERM stops it gracefully.
//
// The body is read with a continuation (extract_utf8string().then), not by blocking a pool thread on
// read().get(): the listener's own socket reads run on the same pool, so once every pool thread
// blocks in a handler waiting for a body nothing is left to read it and the process hangs for good.
#include <signal.h>

#include <cpprest/http_listener.h>
#include <pplx/threadpool.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

namespace {

using web::http::http_request;
using web::http::http_response;
using web::http::experimental::listener::http_listener;

void usage() {
  std::cerr << "usage: trivial_rest_server --listen http://127.0.0.1:PORT --body FILE [--threads N]\n";
}

}  // namespace

int main(int argc, char** argv) {
  // Before any thread starts, so that every thread inherits the mask and only sigwait sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  std::string listen;
  std::string body_file;
  unsigned threads = 4;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      usage();
      return 0;
    }
    if (i + 1 >= argc) {
      std::cerr << "trivial_rest_server: " << arg << " needs a value\n";
      usage();
      return 2;
    }
    const std::string value = argv[++i];
    if (arg == "--listen") {
      listen = value;
    } else if (arg == "--body") {
      body_file = value;
    } else if (arg == "--threads") {
      char* end = nullptr;
      const unsigned long parsed = std::strtoul(value.c_str(), &end, 10);
      if (*end != '\0' || parsed < 1 || parsed > 64) {
        std::cerr << "trivial_rest_server: --threads must be 1..64 (got '" << value << "')\n";
        return 2;
      }
      threads = static_cast<unsigned>(parsed);
    } else {
      std::cerr << "trivial_rest_server: unknown option " << arg << "\n";
      usage();
      return 2;
    }
  }
  if (listen.empty() || body_file.empty()) {
    usage();
    return 2;
  }

  std::ifstream in(body_file, std::ios::binary);
  if (!in) {
    std::cerr << "trivial_rest_server: cannot read " << body_file << ": " << std::strerror(errno) << "\n";
    return 1;
  }
  const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  crossplat::threadpool::initialize_with_threads(threads);
  http_listener listener(listen);
  listener.support([&body](http_request request) {
    request.extract_utf8string(true).then([&body, request](pplx::task<std::string> read) mutable {
      try {
        const std::string received = read.get();  // the whole request body, as itaku-serve keeps it
        (void)received;
        http_response out(web::http::status_codes::OK);
        out.headers().add("Cache-Control", "no-store");
        out.headers().add("X-Content-Type-Options", "nosniff");
        out.set_body(body, "application/json; charset=utf-8");  // as itaku-serve sends it
        request.reply(out).then([](pplx::task<void> sent) {
          try {
            sent.get();
          } catch (...) {
          }
        });
      } catch (...) {
        // The connection failed while reading; nothing can be answered.
      }
    });
  });
  try {
    listener.open().wait();
  } catch (const std::exception& error) {
    std::cerr << "trivial_rest_server: cannot listen on " << listen << ": " << error.what() << "\n";
    return 1;
  }
  std::cerr << "trivial_rest_server: listening on " << listen << " (" << body.size() << " bytes, " << threads
            << " threads)" << std::endl;

  int received = 0;
  sigwait(&stop_signals, &received);
  try {
    listener.close().wait();
  } catch (...) {
  }
  std::cerr << "trivial_rest_server: stopped" << std::endl;
  return 0;
}
