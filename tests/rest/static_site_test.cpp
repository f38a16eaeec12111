// The web application's files as itaku serve answers them (rest/static_site.hpp, docs/web.md):
// only files found under the root at start, never a path joined to a directory, with the
// headers that keep a page from running foreign script.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "rest/static_site.hpp"

namespace fs = std::filesystem;
using itaku::rest::HttpRequest;
using itaku::rest::HttpResponse;
using itaku::rest::StaticSite;

namespace {

struct SiteDirectory {
  SiteDirectory() : root(fs::temp_directory_path() / ("itaku-site-" + std::to_string(std::random_device{}()))) {
    fs::create_directories(root / "web" / "js");
    write("web/index.html", "<!doctype html><title>Itaku</title>");
    write("web/js/main.js", "export const main = 1;");
    write("web/.hidden", "secret");
    write("outside.txt", "outside the web root");
  }
  ~SiteDirectory() { fs::remove_all(root); }
  void write(const std::string& path, const std::string& text) const { std::ofstream(root / path, std::ios::binary) << text; }
  fs::path root;
};

HttpResponse get(const StaticSite& site, const std::string& path, const std::string& method = "GET") {
  HttpRequest request;
  request.method = method;
  request.path = path;
  return site.answer(request);
}

std::string header(const HttpResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

}  // namespace

TEST_CASE("static site: files under the root are served with their type and a strict policy", "[rest][web]") {
  SiteDirectory directory;
  auto site = StaticSite::load(directory.root / "web");
  REQUIRE(site);
  CHECK(site->files() == 2);  // the dot file is not served

  const HttpResponse index = get(*site, "/");
  CHECK(index.status == 200);
  CHECK(index.body == "<!doctype html><title>Itaku</title>");
  CHECK(index.content_type == "text/html; charset=utf-8");
  CHECK(header(index, "Content-Security-Policy").find("script-src 'self'") != std::string::npos);
  CHECK(header(index, "Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
  CHECK(header(index, "X-Frame-Options") == "DENY");
  CHECK(header(index, "Cache-Control") == "no-cache");

  const HttpResponse script = get(*site, "/js/main.js");
  CHECK(script.status == 200);
  CHECK(script.content_type == "text/javascript; charset=utf-8");
}

TEST_CASE("static site: no path reaches outside the root or a file added later", "[rest][web]") {
  SiteDirectory directory;
  auto site = StaticSite::load(directory.root / "web");
  REQUIRE(site);
  for (const std::string path : {"/../outside.txt", "/js/../../outside.txt", "/%2e%2e/outside.txt", "/.hidden",
                                 "//etc/passwd", "/js/main.js%00.html", "/js\\main.js", "/index.html/", "/JS/MAIN.JS"}) {
    INFO(path);
    const HttpResponse answer = get(*site, path);
    CHECK(answer.status == 404);
    CHECK(answer.body.find("outside the web root") == std::string::npos);
    CHECK_FALSE(header(answer, "Content-Security-Policy").empty());
    CHECK(header(answer, "X-Frame-Options") == "DENY");
  }
  // Read once at start: a file (or a symbolic link out of the root) created afterwards is unknown.
  directory.write("web/late.js", "late");
  fs::create_symlink(directory.root / "outside.txt", directory.root / "web" / "link.txt");
  CHECK(get(*site, "/late.js").status == 404);
  CHECK(get(*site, "/link.txt").status == 404);
}

TEST_CASE("static site: a symbolic link under the root at start is not served", "[rest][web]") {
  SiteDirectory directory;
  fs::create_symlink(directory.root / "outside.txt", directory.root / "web" / "passwd.txt");
  auto site = StaticSite::load(directory.root / "web");
  REQUIRE(site);
  CHECK(site->files() == 2);
  CHECK(get(*site, "/passwd.txt").status == 404);
}

TEST_CASE("static site: other methods are 405, the API's paths are not the site's, a missing root says so",
          "[rest][web]") {
  SiteDirectory directory;
  auto site = StaticSite::load(directory.root / "web");
  REQUIRE(site);
  for (const std::string method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
    const HttpResponse answer = get(*site, "/", method);
    CHECK(answer.status == 405);
    CHECK(header(answer, "Allow") == "GET, HEAD");
  }
  CHECK(get(*site, "/", "HEAD").status == 200);

  CHECK_FALSE(StaticSite::owns("/api"));
  CHECK_FALSE(StaticSite::owns("/api/v1/engagements"));
  CHECK(StaticSite::owns("/apix"));
  CHECK(StaticSite::owns("/"));

  const auto missing = StaticSite::load(directory.root / "nowhere");
  REQUIRE_FALSE(missing);
  CHECK(missing.status().code() == itaku::ErrorCode::kNotFound);
  const HttpResponse without = get(StaticSite(), "/");
  CHECK(without.status == 404);
  CHECK(without.body.find("Web アプリケーションが入っていません") != std::string::npos);
}
