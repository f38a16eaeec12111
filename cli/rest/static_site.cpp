#include "rest/static_site.hpp"

#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>
#include <vector>

namespace itaku::rest {
namespace {

std::string content_type_of(const std::filesystem::path& file) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},    {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"},
      {".png", "image/png"},                     {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},     {".webmanifest", "application/manifest+json"},
  };
  const auto found = kTypes.find(file.extension().string());
  return found == kTypes.end() ? "application/octet-stream" : found->second;
}

// Scripts, styles, images and API calls from this server only; no frames, no plugins, no
// forms posting elsewhere. The pages have no inline script or style, so none is allowed.
const char* kSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

std::vector<std::pair<std::string, std::string>> security_headers() {
  return {{"Content-Security-Policy", kSecurityPolicy}, {"Referrer-Policy", "no-referrer"}, {"X-Frame-Options", "DENY"}};
}

HttpResponse page_not_found(const std::string& why_ja, const std::string& why_en) {
  HttpResponse response;
  response.status = 404;
  response.content_type = "text/html; charset=utf-8";
  response.body =
      "<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><title>見つかりません / Not found</title>"
      "<main><h1>ページが見つかりません / Page not found</h1><p>" + why_ja + "</p><p lang=\"en\">" + why_en +
      "</p><p><a href=\"/\">Itaku のトップページへ / to Itaku's first page</a></p></main></html>";
  response.headers = security_headers();
  return response;
}

}  // namespace

Result<StaticSite> StaticSite::load(const std::filesystem::path& root) {
  std::error_code error;
  if (!std::filesystem::is_directory(root, error)) {
    return Status(ErrorCode::kNotFound, "no web application at " + root.string(), "--web-root");
  }
  StaticSite site;
  std::size_t bytes = 0;
  std::filesystem::recursive_directory_iterator walk(root, error);
  if (error) return Status(ErrorCode::kNotFound, "cannot read " + root.string() + ": " + error.message(), "--web-root");
  for (auto entry = std::filesystem::begin(walk); entry != std::filesystem::end(walk); entry.increment(error)) {
    if (error) return Status(ErrorCode::kNotFound, "cannot read " + root.string() + ": " + error.message(), "--web-root");
    const std::string name = entry->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (entry->is_directory()) walk.disable_recursion_pending();
      continue;
    }
    // A symbolic link could point anywhere (/etc/passwd): only plain files are the site's.
    if (entry->is_symlink() || !entry->is_regular_file()) continue;
    if (site.files_.size() == kMostSiteFiles) {
      return Status(ErrorCode::kInvalidArgument,
                    root.string() + " holds more than " + std::to_string(kMostSiteFiles) + " files; is it the web root?",
                    "--web-root");
    }
    std::ifstream in(entry->path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    File file{content.str(), content_type_of(entry->path())};
    bytes += file.body.size();
    if (bytes > kMostSiteBytes) {
      return Status(ErrorCode::kInvalidArgument,
                    root.string() + " holds more than " + std::to_string(kMostSiteBytes >> 20) + " MiB; is it the web root?",
                    "--web-root");
    }
    const std::string relative = entry->path().lexically_relative(root).generic_string();
    site.files_.emplace("/" + relative, std::move(file));
  }
  return site;
}

bool StaticSite::owns(const std::string& path) { return path != "/api" && path.rfind("/api/", 0) != 0; }

HttpResponse StaticSite::answer(const HttpRequest& request) const {
  if (request.method != "GET" && request.method != "HEAD") {
    HttpResponse refused = error_response(405, "method_not_allowed",
                                          both_languages("このページは GET で開きます", "pages are read with GET"));
    refused.headers.push_back({"Allow", "GET, HEAD"});
    return refused;
  }
  if (files_.empty()) {
    return page_not_found("このサーバーには Web アプリケーションが入っていません。API は /api/v1/ で使えます。",
                          "This server has no web application installed; the API is at /api/v1/.");
  }
  const auto found = files_.find(request.path == "/" ? "/index.html" : request.path);
  if (found == files_.end()) {
    return page_not_found("アドレスを確かめてください。", "Check the address.");
  }
  HttpResponse response{200, found->second.body, found->second.content_type};
  // Revalidated on every load: a new version of the server never runs with an old script.
  response.headers = security_headers();
  response.headers.push_back({"Cache-Control", "no-cache"});
  return response;
}

std::filesystem::path default_web_root(const std::filesystem::path& executable) {
  return executable.parent_path().parent_path() / "share" / "itaku" / "web";
}

}  // namespace itaku::rest
