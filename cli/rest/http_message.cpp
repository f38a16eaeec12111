#include "rest/http_message.hpp"

#include <algorithm>

#include "app/exit_codes.hpp"
#include "rest/server_log.hpp"

namespace itaku::rest {

HttpResponse json_response(int status, const nlohmann::json& body) {
  return {status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

HttpResponse json_response(int status, const nlohmann::ordered_json& body) {
  return {status, body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)};
}

HttpResponse error_response(int http_status, const std::string& code, const std::string& message,
                            const std::string& path) {
  nlohmann::ordered_json body = {{"code", code}, {"message", message}, {"path", path}};
  HttpResponse response = json_response(http_status, body);
  if (http_status == 503) response.headers.emplace_back("Retry-After", std::to_string(kRetryAfterSeconds));
  return response;
}

std::string shown_value(const std::string& value) {
  constexpr std::size_t kMostCharacters = 80;
  std::string shown;
  std::size_t characters = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto byte = static_cast<unsigned char>(value[i]);
    const bool starts_character = (byte & 0xC0) != 0x80;
    if (starts_character && ++characters > kMostCharacters) {
      shown += "…";
      break;
    }
    shown += byte == '\n' || byte == '\r' || byte == '\t' ? ' ' : value[i];
  }
  return shown;
}

HttpResponse error_response(const Status& status) {
  const int http_status = cli::http_status_for(status.code());
  if (http_status >= 500) return server_fault(status);
  return error_response(http_status, std::string(error_code_name(status.code())), status.message(), status.path());
}

HttpResponse server_fault(const Status& detail) {
  const ErrorCode code = detail.code() == ErrorCode::kOk ? ErrorCode::kInternal : detail.code();
  // A client's error reported as a fault (a handler's choice) is still answered as one.
  const int http_status = std::max(cli::http_status_for(code), 500);
  const std::string id = log_fault(detail.to_string());
  const std::string message =
      code == ErrorCode::kUnavailable
          ? "一時的に処理できません。しばらくしてから再試行してください（ID " + id +
                "） / temporarily unavailable; try again shortly (id " + id + ")"
          : "サーバー内部のエラーです。管理者にこの ID を伝えてください（ID " + id +
                "） / internal server error; give the administrator this id (id " + id + ")";
  nlohmann::ordered_json body = {
      {"code", std::string(error_code_name(code))}, {"message", message}, {"path", ""}, {"id", id}};
  HttpResponse response = json_response(http_status, body);
  if (http_status == 503) response.headers.emplace_back("Retry-After", std::to_string(kRetryAfterSeconds));
  return response;
}

}  // namespace itaku::rest
