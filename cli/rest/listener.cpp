#include "rest/listener.hpp"

#include <cpprest/http_listener.h>
#include <cpprest/uri.h>
#include <pplx/threadpool.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "rest/cpprest_refusals.hpp"

namespace itaku::rest {

using web::http::http_request;
using web::http::http_response;
using web::http::experimental::listener::http_listener;

struct Listener::Impl {
  Impl(const std::string& address, const Api& api, DatabaseWorkers& workers)
      : listener(address), api(api), workers(workers) {}

  void serve(http_request request);
  void refuse(http_request& request);
  void finish(long& counter) {
    std::lock_guard<std::mutex> lock(mutex);
    if (--counter == 0) idle.notify_all();
  }

  http_listener listener;
  const Api& api;
  DatabaseWorkers& workers;
  std::mutex mutex;
  std::condition_variable idle;
  long in_flight = 0;     // requests reaching the Api, until their answer is sent
  long refusing = 0;      // 503 answers being sent
  bool stopping = false;  // set by drain(): requests from then on are refused with 503
  bool closed = false;    // set by stop_answering(): requests from then on are never answered
  std::vector<http_request> unanswered;  // kept (not destroyed, which would answer them) until exit
};

namespace {

// Reads the body into `buffer`, asynchronously: blocking a pool thread on the stream would
// starve the same pool's I/O that feeds it (with every thread waiting, nothing arrives). The
// task yields false once the body passes kBodyLimit, also for chunked bodies, which carry no
// Content-Length to check first.
pplx::task<bool> read_body(concurrency::streams::istream stream,
                           std::shared_ptr<concurrency::streams::container_buffer<std::string>> buffer) {
  return stream.read(*buffer, 64 * 1024).then([stream, buffer](std::size_t read) -> pplx::task<bool> {
    if (read == 0) return pplx::task_from_result(true);
    if (buffer->collection().size() > kBodyLimit) return pplx::task_from_result(false);
    return read_body(stream, buffer);
  });
}

HttpRequest plain_request(http_request& request) {
  HttpRequest plain;
  plain.method = request.method();
  const web::uri& uri = request.relative_uri();
  plain.path = uri.path();
  // Split first, then decode each part: a decoded '&' or '=' inside a value must stay in it.
  const std::string query = uri.query();
  std::size_t start = 0;
  while (start <= query.size() && !query.empty()) {
    const std::size_t end = std::min(query.find('&', start), query.size());
    const std::string pair = query.substr(start, end - start);
    if (!pair.empty()) {
      const std::size_t equals = pair.find('=');
      std::string key = pair.substr(0, equals);
      std::string value = equals == std::string::npos ? "" : pair.substr(equals + 1);
      for (char& c : key) c = c == '+' ? ' ' : c;
      for (char& c : value) c = c == '+' ? ' ' : c;
      plain.query[web::uri::decode(key)] = web::uri::decode(value);
    }
    start = end + 1;
  }
  const auto& headers = request.headers();
  if (auto it = headers.find("Authorization"); it != headers.end()) {
    const std::string& value = it->second;
    if (value.size() > 7 && (value.compare(0, 7, "Bearer ") == 0 || value.compare(0, 7, "bearer ") == 0)) {
      plain.bearer_token = value.substr(7);
    }
  }
  if (auto it = headers.find("Content-Type"); it != headers.end()) plain.content_type = it->second;
  return plain;
}

// Sends the response; the task ends when it is sent, or failed because the client went away
// (which must not take a server thread with it).
pplx::task<void> reply(http_request& request, const HttpResponse& response, bool last_on_connection = false) {
  http_response out(static_cast<web::http::status_code>(response.status));
  // API answers are never cached; a page's file says its own rule (rest/static_site.cpp).
  bool cache_rule = false;
  for (const auto& header : response.headers) cache_rule = cache_rule || header.first == "Cache-Control";
  if (!cache_rule) out.headers().add("Cache-Control", "no-store");
  out.headers().add(kOwnAnswerHeader, "nosniff");
  for (const auto& [name, value] : response.headers) {
    if (!last_on_connection || name != "Retry-After") out.headers().add(name, value);
  }
  if (last_on_connection) {
    out.headers().add("Connection", "close");
    out.headers().add("Retry-After", "5");
  }
  if (response.status != 204) out.set_body(response.body, response.content_type);
  return request.reply(out).then([](pplx::task<void> sent) {
    try {
      sent.get();
    } catch (...) {
    }
  });
}

}  // namespace

// Answered without touching the Api (its services are closing); the client may retry against
// the next server. Counted until sent, so that the process does not end in the middle of it.
void Listener::Impl::refuse(http_request& request) {
  try {
    reply(request,
          error_response(503, "unavailable",
                         "サーバーは停止中です。しばらくしてから再試行してください / the server is stopping; try again shortly"),
          true)
        .then([this] { finish(refusing); });
  } catch (...) {
    finish(refusing);
  }
}

void Listener::Impl::serve(http_request request) {
  {
    std::unique_lock<std::mutex> lock(mutex);
    if (closed) {
      unanswered.push_back(std::move(request));
      return;
    }
    if (stopping) {
      ++refusing;
      lock.unlock();
      refuse(request);
      return;
    }
    ++in_flight;
  }
  // A request counts as in flight until its response has been sent: drain() waits for that.
  auto answer = [this](http_request& request, const HttpResponse& response) {
    try {
      reply(request, response).then([this] { finish(in_flight); });
    } catch (...) {
      finish(in_flight);
    }
  };
  try {
    HttpRequest plain = plain_request(request);
    const auto length = request.headers().content_length();
    if (length > kBodyLimit) {
      answer(request, error_response(413, "payload_too_large",
                                     both_languages("本文が " + std::to_string(length) + " バイトあります。上限は " +
                                                        std::to_string(kBodyLimit) + " バイトです",
                                                    "the body is " + std::to_string(length) + " bytes; the limit is " +
                                                        std::to_string(kBodyLimit))));
      return;
    }
    auto buffer = std::make_shared<concurrency::streams::container_buffer<std::string>>();
    read_body(request.body(), buffer).then([this, request, plain, buffer, answer](pplx::task<bool> read) mutable {
      try {
        if (!read.get()) {
          answer(request, error_response(413, "payload_too_large",
                                         both_languages("本文が上限の " + std::to_string(kBodyLimit) + " バイトを超えています",
                                                        "the body exceeds " + std::to_string(kBodyLimit) + " bytes")));
          return;
        }
      } catch (...) {
        finish(in_flight);  // the client went away while sending its body: nothing to answer
        return;
      }
      try {
        plain.body = std::move(buffer->collection());
        PreparedRequest prepared = api.prepare(std::move(plain));
        if (prepared.answer) {
          answer(request, *prepared.answer);
          return;
        }
        // The database part on a worker; this thread goes back to reading and answering.
        const bool queued = workers.try_submit(
            prepared.lane, [request, answer, work = std::move(prepared.work)]() mutable { answer(request, work()); });
        if (!queued) {
          answer(request, error_response(503, "unavailable",
                                         "混み合っています。しばらくしてから再試行してください / the server is busy "
                                         "(every database worker is taken and the queue is full); try again shortly"));
        }
      } catch (const std::exception& error) {
        answer(request, server_fault(Status(ErrorCode::kInternal, std::string("queueing a request: ") + error.what())));
      }
    });
  } catch (const std::exception& error) {
    answer(request, error_response(400, "invalid_argument",
                                   std::string("リクエストを解釈できません / malformed request: ") + error.what()));
  }
}

namespace {

// cpprestsdk takes "http://host:99999" (and listens on the port modulo 65536) and reports a
// non-numeric port only when opening: a port is checked here, digits from 1 to 65535.
Status check_listen_address(const std::string& address) {
  const Status bad(ErrorCode::kInvalidArgument,
                   "listen on an http:// address with a port from 1 to 65535, e.g. http://127.0.0.1:8080 (got '" +
                       address + "')",
                   "--listen");
  if (address.rfind("http://", 0) != 0) return bad;
  const std::string rest = address.substr(7);
  const std::string authority = rest.substr(0, rest.find('/'));
  const std::size_t host_end = authority.empty() || authority[0] != '[' ? 0 : authority.find(']');
  if (host_end == std::string::npos) return bad;
  const std::size_t colon = authority.find(':', host_end);
  if (colon == std::string::npos) return Status::ok();  // no port: http's 80
  const std::string port = authority.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return bad;
  const int number = std::stoi(port);
  if (number < 1 || number > 65535) return bad;
  return Status::ok();
}

}  // namespace

Result<std::unique_ptr<Listener>> Listener::open(const std::string& address, const Api& api, DatabaseWorkers& workers,
                                                 unsigned threads) {
  if (Status valid = check_listen_address(address); !valid) return valid;
  try {
    crossplat::threadpool::initialize_with_threads(threads);
  } catch (const std::exception&) {
    // Already initialised: keep the pool that exists.
  }
  answer_cpprest_refusals_as_json();
  std::unique_ptr<Impl> impl;
  try {
    impl = std::make_unique<Impl>(address, api, workers);
  } catch (const std::exception& error) {
    return Status(ErrorCode::kInvalidArgument, "not a listening address: " + address + ": " + error.what(), "--listen");
  }
  Impl* raw = impl.get();
  impl->listener.support([raw](http_request request) { raw->serve(std::move(request)); });
  try {
    impl->listener.open().wait();
  } catch (const std::exception& error) {
    return Status(ErrorCode::kUnavailable, "cannot listen on " + address + ": " + error.what() +
                                               " (is another server using the port?)",
                  "--listen");
  }
  return std::unique_ptr<Listener>(new Listener(std::move(impl)));
}

Listener::Listener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Listener::~Listener() {
  if (impl_) close(std::chrono::seconds(5));
}

bool Listener::drain(std::chrono::milliseconds grace) {
  if (!impl_) return true;
  std::unique_lock<std::mutex> lock(impl_->mutex);
  impl_->stopping = true;
  return impl_->idle.wait_for(lock, grace, [this] { return impl_->in_flight == 0; });
}

bool Listener::stop_answering(std::chrono::milliseconds grace) {
  if (!impl_) return true;
  std::unique_lock<std::mutex> lock(impl_->mutex);
  const bool sent = impl_->idle.wait_for(lock, grace, [this] { return impl_->refusing == 0; });
  impl_->closed = true;
  return sent;
}

bool Listener::close(std::chrono::milliseconds grace) {
  if (!impl_) return true;
  // cpprestsdk's close() drops the connections it still has, answers half-sent included: let
  // the requests in flight be answered first, then stop listening.
  bool finished = drain(grace);
  try {
    impl_->listener.close().wait();
  } catch (...) {
    // Closing a listener whose connections broke: nothing more to stop.
  }
  // 503s sent meanwhile hold the Impl until they are out.
  finished = stop_answering(grace) && finished;
  if (finished) {
    impl_.reset();
  } else {
    (void)impl_.release();  // requests still run on it: the process is about to end regardless
  }
  return finished;
}

}  // namespace itaku::rest
