// The HTTP side of `itaku serve`: cpprestsdk's http_listener turned into calls of the Api. Its
// threads read requests, route them and send answers; the database part of each request runs on
// the DatabaseWorkers. With cpprest_refusals.cpp, the only code that includes cpprestsdk (behind
// a pimpl, so its headers stay out of the rest).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "itaku/error.hpp"
#include "rest/api.hpp"
#include "rest/database_workers.hpp"

namespace itaku::rest {

class Listener {
 public:
  // Sets cpprestsdk's thread pool to `threads` (the first call in the process wins) and listens
  // on `address` (http://host:port). `api` and `workers` must outlive the listener; a request
  // whose worker lane is full is answered 503 with Retry-After at once. Errors: kInvalidArgument
  // for an address that is not an http:// URL, kUnavailable when the port is in use or cannot be
  // bound.
  static Result<std::unique_ptr<Listener>> open(const std::string& address, const Api& api, DatabaseWorkers& workers,
                                                unsigned threads);
  ~Listener();

  // Stops serving: a request that arrives from now on is answered 503 "the server is stopping"
  // without reaching the Api; waits up to `grace` for the requests in flight to be answered.
  // False when some were still running (their services must then stay alive).
  bool drain(std::chrono::milliseconds grace);
  // After drain(): waits up to `grace` for the 503 answers being sent, then answers nothing
  // more (a request arriving later sees its connection close when the process ends). For a
  // process about to end: nothing it was sending is then cut off. False if some were unsent.
  bool stop_answering(std::chrono::milliseconds grace);
  // drain(), then stops listening. cpprestsdk unregisters the handler before it closes the
  // connections, and answers a request arriving in between 404 itself: a process that ends
  // anyway had better drain() and exit.
  bool close(std::chrono::milliseconds grace);

  struct Impl;

 private:
  explicit Listener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace itaku::rest
