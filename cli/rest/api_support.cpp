#include "rest/api_support.hpp"

#include <algorithm>
#include <charconv>

#include "itaku/io/json_numbers.hpp"

namespace itaku::rest {
namespace {

constexpr int kMostNesting = 64;
constexpr const char* kBase64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The byte at which `body` opens its 65th level of nesting, outside strings; npos if none does.
// Checked before parsing so that a hostile body cannot make the parser or the validator recurse.
std::size_t too_deep_at(const std::string& body) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMostNesting) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string::npos;
}

}  // namespace

HttpResponse as_principal(RequestScope& scope, const std::function<HttpResponse(ServiceSlot&, const Principal&)>& body) {
  if (!scope.principal) return error_response(Status(ErrorCode::kUnauthenticated,
                                                             both_languages("Bearer トークンが必要です", "a bearer token is required")));
  return body(*scope.slot, *scope.principal);
}

namespace {

// The media type of a Content-Type header, without parameters, in lower case (RFC 9110: type and
// subtype are case-insensitive): "Application/JSON; charset=utf-8" is "application/json".
std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  const std::size_t first = type.find_first_not_of(" \t");
  const std::size_t last = type.find_last_not_of(" \t");
  type = first == std::string::npos ? std::string() : type.substr(first, last - first + 1);
  for (char& c : type) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return type;
}

}  // namespace

std::optional<nlohmann::json> parse_body(const HttpRequest& request, HttpResponse& error) {
  const std::string type = media_type(request.content_type);
  const bool merge_patch = request.method == "PATCH" && type == "application/merge-patch+json";
  // JSON is UTF-8 (RFC 8259); a body declared in another charset is refused, not misread.
  std::string parameters = request.content_type.find(';') == std::string::npos
                               ? std::string()
                               : request.content_type.substr(request.content_type.find(';'));
  for (char& c : parameters) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  parameters.erase(std::remove_if(parameters.begin(), parameters.end(), [](char c) { return c == ' ' || c == '"'; }),
                   parameters.end());
  const std::size_t charset = parameters.find("charset=");
  const bool utf8 = charset == std::string::npos || parameters.compare(charset + 8, 5, "utf-8") == 0 ||
                    parameters.compare(charset + 8, 4, "utf8") == 0;
  if ((type != "application/json" && !merge_patch) || !utf8) {
    error = error_response(415, "unsupported_media_type",
                           both_languages("本文は application/json" +
                                              std::string(request.method == "PATCH" ? " か application/merge-patch+json" : "") +
                                              " で送ってください（受け取ったのは「" + shown_value(request.content_type) + "」）",
                                          "send the body as application/json" +
                                              std::string(request.method == "PATCH" ? " or application/merge-patch+json" : "") +
                                              " (got '" + shown_value(request.content_type) + "')"));
    return std::nullopt;
  }
  if (const std::size_t at = too_deep_at(request.body); at != std::string::npos) {
    error = error_response(400, "invalid_argument",
                           both_languages("JSON の入れ子が " + std::to_string(kMostNesting) + " 段を超えています（" +
                                              std::to_string(at + 1) + " バイト目）",
                                          "the JSON body nests deeper than " + std::to_string(kMostNesting) +
                                              " levels at byte " + std::to_string(at + 1)));
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::out_of_range& overflow) {
    // Valid JSON holding a number no double can hold: a value at fault (422 at its pointer), as
    // for any other field a record cannot have.
    if (const auto number = find_overflowing_number(request.body)) {
      error = error_response(Status(ErrorCode::kInvalidArgument, overflowing_number_message(*number), number->pointer));
      return std::nullopt;
    }
    error = error_response(400, "invalid_argument",
                           both_languages("本文の JSON を扱えません", std::string("the body is not usable JSON: ") + overflow.what()));
    return std::nullopt;
  } catch (const nlohmann::json::parse_error& parse_error) {
    // nlohmann's message already names the byte ("at line 1, column 7"); the position is kept
    // on its own as well for programs.
    error = error_response(400, "invalid_argument",
                           both_languages("本文が JSON として正しくありません（" + std::to_string(parse_error.byte) +
                                              " バイト目）",
                                          "the body is not valid JSON (byte " + std::to_string(parse_error.byte) +
                                              "): " + parse_error.what()));
    return std::nullopt;
  }
}

std::optional<std::string> text_parameter(const HttpRequest& request, const std::string& name) {
  const auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  return it->second;
}

std::optional<TextSearch> search_parameter(const HttpRequest& request, HttpResponse& error) {
  const auto text = text_parameter(request, "q");
  if (!text) return TextSearch();
  auto search = TextSearch::parse(*text, "q");
  if (!search) {
    error = error_response(400, "invalid_argument", search.status().message(), search.status().path());
    return std::nullopt;
  }
  return std::move(search).value();
}

std::string text_field(const nlohmann::json& body, const char* name) {
  const auto it = body.find(name);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<Date> as_of_parameter(const HttpRequest& request, HttpResponse& error) {
  const auto text = text_parameter(request, "as_of");
  if (!text || text->empty()) return Date::today();
  if (auto date = Date::parse(*text)) return *date;
  error = error_response(400, "invalid_argument",
                         both_languages("as_of は実在する日付 YYYY-MM-DD にしてください（「" + shown_value(*text) + "」は不可）",
                                        "expected a real date YYYY-MM-DD, got '" + shown_value(*text) + "'"),
                         "as_of");
  return std::nullopt;
}

std::optional<std::size_t> limit_parameter(const HttpRequest& request, HttpResponse& error) {
  const auto text = text_parameter(request, "limit");
  if (!text || text->empty()) return 100;
  std::size_t limit = 0;
  const auto [end, failure] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (failure != std::errc() || end != text->data() + text->size() || limit < 1 || limit > 500) {
    error = error_response(400, "invalid_argument",
                           both_languages("limit は 1 から 500 までの整数です", "limit must be a whole number from 1 to 500"),
                           "limit");
    return std::nullopt;
  }
  return limit;
}

std::string encode_cursor(const std::string& after) {
  std::string out;
  unsigned value = 0;
  int bits = -6;
  for (unsigned char c : after) {
    value = (value << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out += kBase64Url[(value >> bits) & 0x3F];
      bits -= 6;
    }
  }
  if (bits > -6) out += kBase64Url[((value << 8) >> (bits + 8)) & 0x3F];
  return out;
}

std::optional<std::string> cursor_parameter(const HttpRequest& request, HttpResponse& error) {
  const auto text = text_parameter(request, "cursor");
  if (!text) return std::string();
  std::string out;
  unsigned value = 0;
  int bits = -8;
  for (char c : *text) {
    const char* at = std::char_traits<char>::find(kBase64Url, 64, c);
    if (!at) {
      error = error_response(400, "invalid_argument",
                             both_languages("このサーバーが返したカーソルではありません", "not a cursor this server handed out"),
                             "cursor");
      return std::nullopt;
    }
    value = (value << 6) + static_cast<unsigned>(at - kBase64Url);
    bits += 6;
    if (bits >= 0) {
      out += static_cast<char>((value >> bits) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

nlohmann::ordered_json page_json(nlohmann::ordered_json items, const std::optional<std::string>& next_after) {
  nlohmann::ordered_json page = {{"items", std::move(items)}};
  page["next_cursor"] = next_after ? nlohmann::ordered_json(encode_cursor(*next_after)) : nlohmann::ordered_json();
  return page;
}

}  // namespace itaku::rest
