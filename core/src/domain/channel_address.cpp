#include "itaku/domain/channel_address.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <utility>

namespace itaku {

namespace {

// A verify query is a URL or a handle; anything longer is not worth parsing on a public endpoint.
constexpr std::size_t kMaxQueryBytes = 2048;

// Why an address cannot be read, Japanese first: the public verify answers a resident with it.
Status invalid(const std::string& ja, const std::string& en) {
  return Status(ErrorCode::kInvalidArgument, ja + " / " + en);
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_non_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  return lower(c) - 'a' + 10;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

// Residents paste from Japanese pages, where the space may be a no-break or an ideographic one.
std::size_t space_length_at(std::string_view text, std::size_t i) {
  const char c = text[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return 1;
  if (text.substr(i, 2) == "\xC2\xA0") return 2;
  if (text.substr(i, 3) == "\xE3\x80\x80") return 3;
  return 0;
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty()) {
    const std::size_t n = space_length_at(text, 0);
    if (n == 0) break;
    text.remove_prefix(n);
  }
  bool trimmed = true;
  while (trimmed && !text.empty()) {
    trimmed = false;
    for (std::string_view space : {" ", "\t", "\n", "\r", "\v", "\f", "\xC2\xA0", "\xE3\x80\x80"}) {
      if (text.size() >= space.size() && text.substr(text.size() - space.size()) == space) {
        text.remove_suffix(space.size());
        trimmed = true;
        break;
      }
    }
  }
  return text;
}

// The query with surrounding spaces removed, or why no address can be read from it.
Result<std::string_view> checked_text(std::string_view raw) {
  const std::string_view text = trim_spaces(raw);
  if (text.empty()) return invalid("確認するアドレスが空です。アカウントの URL（https://…）か @ハンドルを貼り付けてください",
                                     "the query is empty: paste the account's URL (https://...) or its @handle");
  if (text.size() > kMaxQueryBytes) {
    return invalid("アドレスが " + std::to_string(kMaxQueryBytes) + " バイトを超えています。そのように長いアカウントの URL はありません",
                   "the query is longer than " + std::to_string(kMaxQueryBytes) + " bytes: no account URL is that long");
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (space_length_at(text, i) > 0) {
      return invalid("アドレスの途中に空白があります。URL や @ハンドルは空白を含みません（アドレスは 1 つだけ貼り付けてください）",
                     "the query has spaces inside: a URL or @handle contains none (paste one address only)");
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7F) return invalid("アドレスに制御文字が含まれています", "the query contains a control character");
  }
  return text;
}

// The rest after a leading '@' or full-width '＠', which Japanese input methods often produce.
std::optional<std::string_view> after_at_sign(std::string_view text) {
  if (text.substr(0, 1) == "@") return text.substr(1);
  if (text.substr(0, 3) == "\xEF\xBC\xA0") return text.substr(3);
  return std::nullopt;
}

// Handles on every supported platform are ASCII; a Bluesky handle is a domain name.
bool is_handle(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](char c) { return is_alnum(c) || c == '.' || c == '_' || c == '-'; });
}

bool is_scheme_token(std::string_view text) {
  return !text.empty() && is_alpha(text[0]) && std::all_of(text.begin(), text.end(), [](char c) {
    return is_alnum(c) || c == '+' || c == '-' || c == '.';
  });
}

// Characters a host name may hold; other bytes would be a typo or an attempt to confuse a parser.
bool is_host_char(char c) { return is_alnum(c) || c == '-' || c == '.' || c == '_' || is_non_ascii(c); }

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kHostAliases{{
    {"twitter.com", "x.com"},
    {"fb.com", "facebook.com"},
    // Facebook's and Instagram's own short hosts: fb.me/NAME is the page facebook.com/NAME.
    {"fb.me", "facebook.com"},
    {"instagr.am", "instagram.com"},
    // Threads moved to threads.com in 2025; threads.net links still resolve to the same profiles.
    {"threads.com", "threads.net"},
}};

std::string canonical_host(std::string host) {
  host = lower_ascii(host);
  while (!host.empty() && host.back() == '.') host.pop_back();
  bool stripped = true;
  while (stripped) {
    stripped = false;
    for (std::string_view prefix : {"www.", "m.", "mobile."}) {
      // Only while a registrable name remains: "m.com" is a host, not a mobile variant of "com".
      if (host.size() > prefix.size() && host.compare(0, prefix.size(), prefix) == 0 &&
          host.find('.', prefix.size()) != std::string::npos) {
        host.erase(0, prefix.size());
        stripped = true;
      }
    }
  }
  for (const auto& [alias, canonical] : kHostAliases) {
    if (host == alias) return std::string(canonical);
  }
  // Facebook serves the same pages on web., touch., mbasic. and a locale host (ja-jp.).
  constexpr std::string_view kFacebook = ".facebook.com";
  if (host.size() > kFacebook.size() && host.compare(host.size() - kFacebook.size(), kFacebook.size(), kFacebook) == 0) {
    const std::string label = host.substr(0, host.size() - kFacebook.size());
    const bool locale = label.size() == 5 && is_alpha(label[0]) && is_alpha(label[1]) && label[2] == '-' &&
                        is_alpha(label[3]) && is_alpha(label[4]);
    if (label == "web" || label == "touch" || label == "mbasic" || locale) return "facebook.com";
  }
  return host;
}

// One spelling per path: the same page can be linked with or without escapes and with either
// case of hex digits, but escaping '/', '?', '#' or '%' changes which page is meant, so those stay;
// so does '\', which a browser (and channel_query_key) reads as '/' when it is not escaped: the key
// must look itself up (a pasted key finds its channel; found by fuzzing).
std::string canonical_escapes(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  auto escape = [&](unsigned char byte) {
    out += '%';
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0F];
  };
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '%' && i + 2 < path.size() && is_hex(path[i + 1]) && is_hex(path[i + 2])) {
      const auto byte = static_cast<unsigned char>(hex_value(path[i + 1]) * 16 + hex_value(path[i + 2]));
      const bool plain = byte >= 0x21 && byte <= 0x7E && byte != '/' && byte != '?' && byte != '#' &&
                           byte != '%' && byte != '\\';
      if (plain) {
        out += static_cast<char>(byte);
      } else {
        escape(byte);
      }
      i += 2;
    } else if (c == '%' || is_non_ascii(c)) {
      escape(static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out;
}

// Lower-cases letters but not the hex digits of escapes, which canonical_escapes wrote upper-case.
std::string lower_path_segment(std::string_view segment) {
  std::string out(segment);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '%') {
      i += 2;
    } else {
      out[i] = lower(out[i]);
    }
  }
  return out;
}

void lower_segments(std::vector<std::string>& segments, std::size_t from = 0) {
  for (std::size_t i = from; i < segments.size(); ++i) segments[i] = lower_path_segment(segments[i]);
}

// Segments of an absolute path with "." and ".." resolved, as the browser resolves them before
// asking the server: x.com/someone/../cityjoyopr is the page of cityjoyopr.
std::vector<std::string> path_segments(std::string_view path) {
  std::vector<std::string> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.empty()) return segments;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = path.find('/', start);
    const std::string_view segment = path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (segment != ".") {
      segments.emplace_back(segment);
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return segments;
}

void drop_trailing_empty(std::vector<std::string>& segments) {
  while (!segments.empty() && segments.back().empty()) segments.pop_back();
}

// The value of `name` in a query string if it consists only of characters `allowed` accepts.
template <typename Allowed>
std::optional<std::string> query_parameter(std::string_view query, std::string_view name, Allowed allowed) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      const std::string_view value = pair.substr(eq + 1);
      if (!value.empty() && std::all_of(value.begin(), value.end(), allowed)) return std::string(value);
      return std::nullopt;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

// Platform rules on the path; the suffix is the part of the query that names the page.
std::string platform_path(const std::string& host, std::vector<std::string>& segments, std::string_view query) {
  std::string suffix;
  const std::string first = segments.empty() ? std::string() : lower_path_segment(segments.front());
  if (host == "x.com" || host == "instagram.com") {
    lower_segments(segments);
    // x.com/intent/user?screen_name=NAME (a "follow" button's link) is the page of NAME.
    if (host == "x.com" && segments.size() == 2 && segments[0] == "intent" &&
        (segments[1] == "user" || segments[1] == "follow")) {
      auto handle_char = [](char c) { return is_alnum(c) || c == '_'; };
      if (auto name = query_parameter(query, "screen_name", handle_char)) segments = {lower_ascii(*name)};
    }
    // x.com/@name is x.com/name. Only a handle loses its '@': "@", "@@x", "@." or "@.." stripped
    // would become a segment that a second lookup of the key changes again (found by fuzzing).
    if (!segments.empty() && segments.front().size() > 1 && segments.front().front() == '@') {
      const std::string_view name = std::string_view(segments.front()).substr(1);
      if (is_handle(name) && name != "." && name != "..") segments.front().erase(0, 1);
    }
  } else if (host == "tiktok.com") {
    // tiktok.com/t/<code> short links, like vm.tiktok.com ones, are case-sensitive codes.
    if (!segments.empty() && segments.front() != "t") {
      lower_segments(segments);
      if (segments.size() == 1 && !segments.front().empty() && segments.front().front() != '@') {
        segments.front().insert(0, "@");
      }
    }
  } else if (host == "threads.net" || host == "note.com") {
    lower_segments(segments);
  } else if (host == "facebook.com") {
    lower_segments(segments);
    if (segments.size() == 1 && segments.front() == "profile.php") {
      if (auto id = query_parameter(query, "id", is_digit)) suffix = "?id=" + *id;
    }
  } else if (host == "youtube.com") {
    // Handles, /c/ and /user/ names ignore case; channel ids and video ids do not.
    if (!first.empty() && (first.front() == '@' || first == "c" || first == "user")) lower_segments(segments);
    if (segments.size() == 1 && segments.front() == "watch") {
      auto video_char = [](char c) { return is_alnum(c) || c == '_' || c == '-'; };
      if (auto video = query_parameter(query, "v", video_char)) suffix = "?v=" + *video;
    }
  } else if (host == "bsky.app") {
    // The record keys after the handle are case-sensitive identifiers.
    if (segments.size() >= 2 && first == "profile") {
      segments[0] = "profile";
      segments[1] = lower_path_segment(segments[1]);
    }
  }
  drop_trailing_empty(segments);
  return suffix;
}

Result<std::string> url_key(std::string_view text) {
  std::string scheme;
  std::string_view rest = text;
  const std::size_t colon = text.find(':');
  const std::size_t first_delimiter = text.find_first_of("/?#");
  if (colon != std::string_view::npos && colon < first_delimiter) {
    const std::string_view prefix = text.substr(0, colon);
    const std::string_view after = text.substr(colon + 1);
    const std::string_view port = after.substr(0, after.find_first_of("/?#"));
    // "x.com:8080/a" is a host and a port; "javascript:alert(1)" and "mailto:..." are schemes.
    if (is_scheme_token(prefix) && !all_digits(port)) {
      scheme = lower_ascii(prefix);
      if (scheme != "http" && scheme != "https") {
        const std::string shown = prefix.size() <= 20 ? std::string(prefix) : std::string(prefix.substr(0, 20)) + "...";
        return invalid("「" + shown + ":」で始まるアドレスは確認できません。http:// か https:// のアカウントのアドレスにしてください",
                       "unsupported scheme '" + shown + ":': only http:// and https:// addresses of an account are accepted");
      }
      if (after.substr(0, 2) != "//") {
        return invalid("URL ではありません。「" + std::string(prefix) + ":」の後に「//」が必要です",
                       "not a URL: expected '//' after '" + std::string(prefix) + ":'");
      }
      rest = after.substr(2);
    }
  } else if (text.substr(0, 2) == "//") {
    rest = text.substr(2);
  }

  std::string address(rest);
  // Browsers read '\' as '/' in http(s) URLs before the query, so the host ends there too.
  const std::size_t query_start = address.find_first_of("?#");
  std::replace(address.begin(), query_start == std::string::npos ? address.end() : address.begin() + static_cast<std::ptrdiff_t>(query_start), '\\', '/');

  const std::size_t authority_end = std::min(address.find_first_of("/?#"), address.size());
  const std::string_view authority = std::string_view(address).substr(0, authority_end);
  const std::string_view after_authority = std::string_view(address).substr(authority_end);
  const std::size_t path_end = std::min(after_authority.find_first_of("?#"), after_authority.size());
  const std::string_view path = after_authority.substr(0, path_end);
  std::string_view query;
  std::string_view fragment;
  if (path_end < after_authority.size()) {
    std::string_view tail = after_authority.substr(path_end);
    const std::size_t hash = tail.find('#');
    if (hash != std::string_view::npos) {
      fragment = tail.substr(hash + 1);
      tail = tail.substr(0, hash);
    }
    if (!tail.empty() && tail.front() == '?') query = tail.substr(1);
  }

  // The full-width '＠' too: it reads as '@' (a handle, to channel_query_key and to people), so
  // "x.com＠evil.example" hides its host just the same (found by fuzzing, as a key starting with
  // '＠' that looked up again read as a handle).
  if (authority.find('@') != std::string_view::npos || authority.find("\xEF\xBC\xA0") != std::string_view::npos) {
    return invalid("URL のホスト名の前に「@」があり、本当のホストが隠れています",
                   "the URL has user info before its host ('@' in the host part), which hides the real host");
  }
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return invalid("URL のホスト名の「[」が閉じていません", "the URL's host has '[' without ']'");
    host = authority.substr(0, close + 1);
    const std::string_view after_host = authority.substr(close + 1);
    if (!after_host.empty() && after_host.front() != ':') return invalid("URL のホスト名の「]」の後に余分な文字があります", "the URL's host has text after ']'");
    if (!after_host.empty()) port = after_host.substr(1);
  } else if (const std::size_t port_colon = authority.find(':'); port_colon != std::string_view::npos) {
    host = authority.substr(0, port_colon);
    port = authority.substr(port_colon + 1);
  }
  if (host.empty()) return invalid("URL にホスト名がありません", "the URL has no host");
  if (host.front() != '[') {
    for (const char c : host) {
      if (!is_host_char(c)) {
        return invalid(std::string("URL のホスト名にホスト名では使えない文字「") + c + "」があります",
                       std::string("the URL's host contains '") + c + "', which no host name has");
      }
    }
  }
  std::string canonical_port;
  if (!port.empty()) {
    if (!all_digits(port) || port.size() > 5 || std::stoi(std::string(port)) > 65535) {
      // Ten bytes at most, cut between characters so that the message stays UTF-8 (fuzzing).
      std::size_t cut = std::min<std::size_t>(port.size(), 10);
      while (cut > 0 && cut < port.size() && (static_cast<unsigned char>(port[cut]) & 0xC0) == 0x80) --cut;
      return invalid("URL のポート「" + std::string(port.substr(0, cut)) + "」はポート番号ではありません",
                     "the URL's port '" + std::string(port.substr(0, cut)) + "' is not a port number");
    }
    const int number = std::stoi(std::string(port));
    const bool is_default = (scheme == "http" && number == 80) || (scheme == "https" && number == 443) ||
                            (scheme.empty() && (number == 80 || number == 443));
    if (!is_default) canonical_port = ":" + std::to_string(number);
  }

  const std::string canonical = canonical_host(std::string(host));
  if (canonical.empty()) return invalid("URL にホスト名がありません", "the URL has no host");
  // Without a scheme only a dotted host shows the text is meant as an address, not a bare word.
  if (scheme.empty() && canonical.front() != '[' && canonical.find('.') == std::string::npos) {
    return invalid("URL でも @ハンドルでもありません。アドレスは https://ホスト/パス、ハンドルは先頭に「@」を付けて書いてください",
                   "not a URL or @handle: write an address as https://host/path and a handle with '@' in front");
  }

  std::string_view effective_path = path;
  // Pages from Twitter's early years still print twitter.com/#!/name; the name is in the fragment.
  if (canonical == "x.com" && path_segments(path).empty() && fragment.substr(0, 2) == "!/") {
    effective_path = fragment.substr(1);
  }
  std::vector<std::string> segments = path_segments(canonical_escapes(effective_path));
  drop_trailing_empty(segments);
  const std::string suffix = platform_path(canonical, segments, query);

  std::string key = canonical + canonical_port;
  for (const std::string& segment : segments) key += "/" + segment;
  return key + suffix;
}

// The first path segments that are a platform's own pages, not an account's.
bool reserved_first_segment(std::string_view host, std::string_view segment) {
  static constexpr std::array<std::string_view, 20> kX{"i",        "intent",  "home",    "search",  "hashtag",
                                                       "explore",  "settings", "share",  "messages", "notifications",
                                                       "login",    "logout",  "signup",  "tos",     "privacy",
                                                       "compose",  "account", "download", "jobs",   "status"};
  static constexpr std::array<std::string_view, 12> kInstagram{"p",        "reel",   "reels", "tv",        "explore", "accounts",
                                                               "direct",   "stories", "about", "developer", "legal",   "web"};
  static constexpr std::array<std::string_view, 33> kFacebook{
      "groups",      "events",  "watch",     "pages",        "profile.php", "story.php", "permalink.php",
      "photo.php",   "photo",   "photos",    "share",        "sharer",      "sharer.php", "people",
      "hashtag",     "marketplace", "gaming", "reel",        "login",       "login.php", "help",
      "policies",    "privacy", "settings",  "plugins",      "dialog",      "l.php",     "video.php",
      "search",      "notifications", "messages", "friends", "business"};
  static constexpr std::array<std::string_view, 8> kNote{"n", "hashtag", "search", "topic", "info", "login", "signup", "settings"};
  auto in = [segment](const auto& list) { return std::find(list.begin(), list.end(), segment) != list.end(); };
  if (host == "x.com") return in(kX);
  if (host == "instagram.com") return in(kInstagram);
  if (host == "facebook.com") return in(kFacebook);
  if (host == "note.com") return in(kNote);
  return false;
}

// X handles are letters, digits and '_'; Instagram's add '.'; Facebook page names '.' and '-'.
bool is_platform_handle(std::string_view platform, std::string_view name) {
  if (!is_handle(name) || name == "." || name == "..") return false;
  if (platform == "x") return std::all_of(name.begin(), name.end(), [](char c) { return is_alnum(c) || c == '_'; });
  if (platform == "instagram") {
    return std::all_of(name.begin(), name.end(), [](char c) { return is_alnum(c) || c == '_' || c == '.'; });
  }
  return true;
}

std::vector<std::string> key_segments(std::string_view key) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= key.size()) {
    const std::size_t end = key.find('/', start);
    segments.emplace_back(key.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return segments;
}

}  // namespace

Result<std::string> channel_query_key(std::string_view query) {
  const auto text = checked_text(query);
  if (!text) return text.status();
  if (const auto handle = after_at_sign(*text)) {
    if (handle->empty()) {
      return invalid("「@」の後にアカウントのハンドルを書いてください（例: @cityjoyopr）",
                     "'@' must be followed by the account's handle, as in @cityjoyopr");
    }
    if (!is_handle(*handle)) {
      return invalid("「@」の後のハンドルに使えるのは英字、数字、「.」「_」「-」だけです",
                     "a handle after '@' may contain only letters, digits, '.', '_' and '-'");
    }
    return "@" + lower_ascii(*handle);
  }
  return url_key(*text);
}

namespace {

// Whether a registered URL key is on the channel's platform. Only such a URL is vouched for: an
// address typed with another host (x.com.evil.example, a login page, another platform) would
// otherwise make public verify call that host official. "other" (and an unknown platform) has
// no host to hold it to.
bool url_on_platform(const std::string& platform, std::string_view key) {
  const std::string_view host = key.substr(0, key.find('/'));
  auto is = [host](std::initializer_list<std::string_view> hosts) {
    return std::find(hosts.begin(), hosts.end(), host) != hosts.end();
  };
  if (platform == "x") return is({"x.com"});
  if (platform == "facebook") return is({"facebook.com"});
  if (platform == "instagram") return is({"instagram.com"});
  if (platform == "line") return is({"lin.ee", "line.me", "page.line.me"});
  if (platform == "youtube") return is({"youtube.com"});
  if (platform == "tiktok") return is({"tiktok.com", "vm.tiktok.com"});
  if (platform == "threads") return is({"threads.net"});
  if (platform == "bluesky") return is({"bsky.app"});
  if (platform == "note") return is({"note.com"});
  return true;
}

}  // namespace

std::vector<std::string> channel_keys(const std::string& platform, const std::string& account, const std::string& url) {
  std::vector<std::string> keys;
  auto add = [&keys](std::string key) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  };
  std::string url_key_value;
  std::optional<ChannelAccount> url_account;
  if (const auto text = checked_text(url); text && !after_at_sign(*text)) {
    if (auto key = url_key(*text); key && url_on_platform(platform, *key)) {
      url_key_value = *key;
      url_account = channel_account(url_key_value);
      add(std::move(*key));
    }
  }
  // A registered address of a post or a tab (x.com/NAME/status/1) also answers for the account's
  // page, as a pasted one does; one of another platform than the channel's answers for nothing more.
  if (url_account && url_account->platform == platform) {
    if (!url_account->profile_key.empty()) add(url_account->profile_key);
  }
  static constexpr std::array<std::string_view, 9> kHandlePlatforms{
      "x", "facebook", "instagram", "line", "youtube", "tiktok", "threads", "bluesky", "note"};
  if (std::find(kHandlePlatforms.begin(), kHandlePlatforms.end(), platform) == kHandlePlatforms.end()) return keys;
  const std::string_view trimmed = trim_spaces(account);
  const auto after_at = after_at_sign(trimmed);
  const std::string_view handle = after_at ? *after_at : trimmed;
  if (!is_handle(handle)) return keys;
  const std::string handle_key = "@" + lower_ascii(handle);
  if (platform == "youtube" && !after_at && url_key_value != "youtube.com/" + handle_key) return keys;
  add(handle_key);
  return keys;
}

}  // namespace itaku

namespace itaku {

std::optional<ChannelAccount> channel_account(std::string_view key) {
  if (key.empty() || key.front() == '@' || key.find('?') != std::string_view::npos) return std::nullopt;
  const std::vector<std::string> parts = key_segments(key);  // host, then the path's segments
  if (parts.size() < 2) return std::nullopt;
  const std::string& host = parts[0];
  const std::string& first = parts[1];
  auto account = [](std::string platform, std::string handle, std::string profile) {
    return ChannelAccount{std::move(platform), lower_ascii(handle), std::move(profile)};
  };
  auto named = [&](const std::string& platform, const std::string& name, const std::string& profile)
      -> std::optional<ChannelAccount> {
    if (!is_platform_handle(platform, name)) return std::nullopt;
    return account(platform, name, profile);
  };
  if (host == "x.com" || host == "instagram.com" || host == "facebook.com" || host == "note.com") {
    const std::string platform = host == "x.com" ? "x" : host == "instagram.com" ? "instagram" : host == "facebook.com" ? "facebook" : "note";
    // instagram.com/stories/NAME/… is NAME's story.
    if (host == "instagram.com" && first == "stories" && parts.size() >= 3) {
      if (reserved_first_segment(host, parts[2])) return std::nullopt;
      return named(platform, parts[2], host + "/" + parts[2]);
    }
    if (reserved_first_segment(host, first)) return std::nullopt;
    return named(platform, first, host + "/" + first);
  }
  if ((host == "tiktok.com" || host == "threads.net" || host == "youtube.com") && first.size() > 1 && first.front() == '@') {
    const std::string platform = host == "tiktok.com" ? "tiktok" : host == "threads.net" ? "threads" : "youtube";
    return named(platform, first.substr(1), host + "/" + first);
  }
  // A channel known by its id or a legacy name: its tabs (/videos, /featured …) are its page; it
  // has no handle (only youtube.com/@NAME says what the handle is).
  if (host == "youtube.com" && (first == "channel" || first == "c" || first == "user") && parts.size() >= 3 &&
      !parts[2].empty()) {
    return ChannelAccount{"youtube", std::string(), host + "/" + first + "/" + parts[2]};
  }
  if (host == "bsky.app" && first == "profile" && parts.size() >= 3) {
    return named("bluesky", parts[2], host + "/profile/" + parts[2]);
  }
  // A LINE official account: line.me/R/ti/p/@ID or line.me/ti/p/@ID (the "add friend" link) and
  // page.line.me/ID (its profile page). IDs ignore case; lin.ee short codes do not and name no ID.
  if (host == "line.me") {
    const std::size_t at = lower_ascii(first) == "r" ? 2 : 1;
    if (parts.size() == at + 3 && lower_ascii(parts[at]) == "ti" && lower_ascii(parts[at + 1]) == "p" &&
        parts[at + 2].size() > 1 && parts[at + 2].front() == '@') {
      return named("line", parts[at + 2].substr(1), std::string());
    }
    return std::nullopt;
  }
  if (host == "page.line.me") return named("line", first, std::string());
  return std::nullopt;
}

std::vector<ChannelLookupKey> channel_lookup_keys(const std::string& key) {
  std::vector<ChannelLookupKey> keys;
  keys.push_back({key, std::string()});
  if (const auto account = channel_account(key)) {
    if (!account->profile_key.empty() && account->profile_key != key) {
      keys.push_back({account->profile_key, account->platform});
    }
    if (!account->handle.empty()) keys.push_back({"@" + account->handle, account->platform});
  }
  return keys;
}

}  // namespace itaku
