// The web application's files (web/ in the source tree, share/itaku/web when installed), read
// once when the server starts and answered from memory for every path outside /api/. Only the
// files found at start are ever served: a request path is looked up, never joined to a directory,
// so "..", encoded slashes or symlinks cannot reach beyond the web root; symbolic links under
// the root are not served at all (docs/web.md).
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "itaku/error.hpp"
#include "rest/http_message.hpp"

namespace itaku::rest {

// Limits on what start-up reads: the application is a few dozen small files.
inline constexpr std::size_t kMostSiteFiles = 512;
inline constexpr std::size_t kMostSiteBytes = 8 << 20;

class StaticSite {
 public:
  // No files: every page answers 404 saying the web application is not installed.
  StaticSite() = default;
  // Reads every regular file under `root` (dot files and symbolic links skipped). Errors: kNotFound when `root` is
  // not a directory, kInvalidArgument when it holds more than the limits allow.
  static Result<StaticSite> load(const std::filesystem::path& root);

  // Whether `path` is the site's (everything but the API).
  static bool owns(const std::string& path);
  // GET of a known file (or "/" for index.html): 200 with its type and the headers that keep
  // pages from being framed or running foreign scripts. 404 for other paths, 405 for methods
  // other than GET and HEAD.
  HttpResponse answer(const HttpRequest& request) const;
  std::size_t files() const { return files_.size(); }

 private:
  struct File {
    std::string body;
    std::string content_type;
  };
  std::map<std::string, File> files_;  // by request path, e.g. "/js/app.js"
};

// Where the installed web application is, next to a server executable at `executable`:
// <prefix>/bin/itaku-serve -> <prefix>/share/itaku/web (the build tree has the same layout).
std::filesystem::path default_web_root(const std::filesystem::path& executable);

}  // namespace itaku::rest
