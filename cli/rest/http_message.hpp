// A request and a response as the API handlers see them: plain values, no cpprestsdk types (only
// listener.cpp knows the HTTP library), so that the handlers compile fast and read simply.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "itaku/error.hpp"

namespace itaku::rest {

struct HttpRequest {
  std::string method;                         // GET, POST, PUT, DELETE ...
  std::string path;                           // percent-encoded, as received, without the query
  std::map<std::string, std::string> query;   // decoded
  std::string bearer_token;                   // from "Authorization: Bearer ..."; "" when absent
  std::string content_type;
  std::string body;
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers = {};  // beyond those every answer carries
};

// How long a client told "unavailable" (503) should wait before trying again, in seconds.
inline constexpr int kRetryAfterSeconds = 1;

HttpResponse json_response(int status, const nlohmann::json& body);
HttpResponse json_response(int status, const nlohmann::ordered_json& body);
// {code, message, path} with the status the error-code table gives (app/exit_codes). A status
// answered 5xx is the server's own trouble, whose message may carry what a client must not see
// (SQL, bound values, file names): the client gets a generic message and an id instead, the
// server's log the whole status under that id (see server_fault).
HttpResponse error_response(const Status& status);
// {code, message, path} with an explicit status, for what the HTTP layer itself refuses (400,
// 405, 413, 415, 503 when full or stopping) and has no core error code of its own. The message
// is sent as it is.
HttpResponse error_response(int http_status, const std::string& code, const std::string& message,
                            const std::string& path = "");
// The message of every answer a person may read: Japanese first, then English, as the API's
// other messages (docs/records.md).
inline std::string both_languages(const std::string& ja, const std::string& en) { return ja + " / " + en; }
// A value the client sent, for quoting in a message: at most 80 characters (a 1 MB parameter is
// not echoed back), cut at a character boundary, line breaks shown as spaces.
std::string shown_value(const std::string& value);
// 500 (or 503 for kUnavailable) {code, message, path, id}: a generic bilingual message naming
// `id`; `detail` goes to the server's log under it.
HttpResponse server_fault(const Status& detail);

}  // namespace itaku::rest
