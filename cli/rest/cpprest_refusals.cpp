#include "rest/cpprest_refusals.hpp"

#include <cpprest/details/http_server.h>
#include <cpprest/details/http_server_api.h>

#include <memory>

#include "rest/http_message.hpp"

namespace web::http::experimental::details {
// cpprestsdk's own server (Boost.Asio), exported by the library but declared in no public header.
std::unique_ptr<http_server> make_http_asio_server();
}  // namespace web::http::experimental::details

namespace itaku::rest {
namespace {

using web::http::http_response;
using web::http::experimental::details::http_server;
using web::http::experimental::listener::details::http_listener_impl;

// What a request cpprestsdk refused gets instead of its plain text.
HttpResponse json_refusal(int status) {
  if (status == 400) {
    return error_response(400, "invalid_argument",
                          "リクエストを解釈できません。URI とクエリ文字列の ASCII 以外の文字は UTF-8 でパーセント"
                          "エンコードしてください（例: ?department=%E7%A7%98%E6%9B%B8%E5%BA%83%E5%A0%B1%E8%AA%B2） / "
                          "malformed request: the request line or a header cannot be parsed; percent-encode "
                          "non-ASCII characters of the URI and query string as UTF-8 (e.g. "
                          "?department=%E7%A7%98%E6%9B%B8%E5%BA%83%E5%A0%B1%E8%AA%B2)");
  }
  if (status == 404) {
    return error_response(404, "not_found", "この URI には何もありません / no such resource (see /api/v1/openapi.json)");
  }
  // cpprestsdk "answers" 500 for every request object it drops unanswered, also the empty one it
  // makes for a connection that closes: nothing worth a log entry, and almost never sent.
  if (status >= 500) return error_response(status, "internal", "サーバー内部のエラーです / internal server error");
  return error_response(status, "invalid_argument", "リクエストを処理できません / the request cannot be handled");
}

class JsonRefusingServer final : public http_server {
 public:
  explicit JsonRefusingServer(std::unique_ptr<http_server> inner) : inner_(std::move(inner)) {}

  pplx::task<void> start() override { return inner_->start(); }
  pplx::task<void> register_listener(http_listener_impl* listener) override { return inner_->register_listener(listener); }
  pplx::task<void> unregister_listener(http_listener_impl* listener) override {
    return inner_->unregister_listener(listener);
  }
  pplx::task<void> stop() override { return inner_->stop(); }

  // Called with every answer before cpprestsdk writes it: the response may still be changed.
  pplx::task<void> respond(http_response response) override {
    if (!response.headers().has(kOwnAnswerHeader)) {
      const HttpResponse refusal = json_refusal(response.status_code());
      response.headers().add("Cache-Control", "no-store");
      response.headers().add(kOwnAnswerHeader, "nosniff");
      for (const auto& [name, value] : refusal.headers) response.headers().add(name, value);
      response.headers().remove("Content-Type");  // set_body keeps a type already there (text/plain)
      response.set_body(refusal.body, refusal.content_type);
    }
    return inner_->respond(response);
  }

 private:
  std::unique_ptr<http_server> inner_;
};

}  // namespace

void answer_cpprest_refusals_as_json() {
  namespace details = web::http::experimental::details;
  if (details::http_server_api::has_listener()) return;
  details::http_server_api::register_server_api(std::make_unique<JsonRefusingServer>(details::make_http_asio_server()));
}

}  // namespace itaku::rest
