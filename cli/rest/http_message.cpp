#include "rest/http_message.hpp"

#include "app/exit_codes.hpp"

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
  return json_response(http_status, body);
}

HttpResponse error_response(const Status& status) {
  return error_response(cli::http_status_for(status.code()), std::string(error_code_name(status.code())),
                        status.message(), status.path());
}

}  // namespace itaku::rest
