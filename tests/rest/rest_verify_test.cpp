// The public GET /api/v1/verify over the official accounts municipalities publish
// (tests/fixtures/realdata, copied from their own pages): every link a resident pastes from an
// official account answers "official", and look-alikes never do.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include "io/csv_reader.hpp"
#include "itaku/domain/platform.hpp"
#include "rest/rest_fixture.hpp"
#include "test_paths.hpp"

using namespace itaku::test;
using nlohmann::json;

namespace {

struct PublishedAccount {
  std::string municipality;
  std::string platform;  // the platform word
  std::string handle;    // without '@'; "" when none was published
  std::string url;       // as published; "" when none was
  std::string source;    // the municipality's page that lists it
};

std::vector<PublishedAccount> published_accounts() {
  std::ifstream in(realdata_file("municipal_sns_accounts_from_official_pages.csv"), std::ios::binary);
  itaku::detail::CsvReader reader(in);
  itaku::detail::CsvRow row;
  std::vector<std::string> header;
  std::vector<PublishedAccount> accounts;
  while (reader.read_row(row)) {
    if (header.empty()) {
      header = row.fields;
      continue;
    }
    std::map<std::string, std::string> cell;
    for (std::size_t i = 0; i < header.size() && i < row.fields.size(); ++i) cell[header[i]] = row.fields[i];
    const auto platform = itaku::platform_word(cell["platform"]);
    INFO("platform as published: " << cell["platform"]);
    REQUIRE(platform);  // "X(旧Twitter)", "LINE公式アカウント" … are read as people write them
    std::string handle = cell["handle_or_id_as_published"];
    if (!handle.empty() && handle.front() == '@') handle.erase(0, 1);
    accounts.push_back({cell["municipality"], *platform, handle, cell["url_as_published"], cell["source_url"]});
  }
  return accounts;
}

// What a resident may paste from the account's posts and pages, per platform.
std::vector<std::string> pasted_forms(const PublishedAccount& a) {
  const std::string& h = a.handle;
  std::vector<std::string> forms;
  if (!a.url.empty()) forms.push_back(a.url);
  if (a.platform == "x" && !h.empty()) {
    forms = {"https://x.com/" + h + "/status/1850000000000000000", "https://twitter.com/intent/user?screen_name=" + h,
             "https://twitter.com/intent/follow?screen_name=" + h, "https://mobile.twitter.com/" + h,
             "x.com/" + h + "/with_replies", "https://x.com/" + h + "/status/1850000000000000000/photo/1", "@" + h};
  }
  if (a.platform == "facebook" && !h.empty()) {
    for (const std::string host : {"fb.me", "web.facebook.com", "touch.facebook.com", "mbasic.facebook.com",
                                   "ja-jp.facebook.com", "m.facebook.com", "www.facebook.com"}) {
      forms.push_back("https://" + host + "/" + h);
    }
    forms.push_back("https://www.facebook.com/" + h + "/posts/pfbid0123456789");
    forms.push_back("https://www.facebook.com/" + h + "/photos/a.123/456/?type=3");
  }
  if (a.platform == "instagram" && !h.empty()) {
    forms.push_back("https://instagr.am/" + h);
    forms.push_back("https://www.instagram.com/" + h + "/reels/");
    forms.push_back("https://www.instagram.com/stories/" + h + "/3456789012345678901/");
    forms.push_back("@" + h);
  }
  if (a.platform == "line" && !h.empty()) {
    forms.push_back("https://line.me/R/ti/p/@" + h);
    forms.push_back("https://line.me/ti/p/@" + h);
    forms.push_back("https://line.me/R/ti/p/%40" + h);
    forms.push_back("https://page.line.me/" + h);
  }
  if (a.platform == "youtube" && !a.url.empty()) {
    forms.push_back(a.url + "/videos");
    std::string mobile = a.url;
    mobile.replace(mobile.find("www."), 4, "m.");
    forms.push_back(mobile);
  }
  return forms;
}

// Addresses an impersonator would use, or pages that are not the account.
std::vector<std::string> look_alikes(const PublishedAccount& a) {
  const std::string& h = a.handle;
  std::vector<std::string> forms;
  if (!h.empty()) {
    forms.push_back("@" + h + "_fake");
    forms.push_back("https://x.com.evil.example/" + h);
    forms.push_back("https://evil.example/x.com/" + h);
  }
  if (a.platform == "x" && !h.empty()) {
    forms.push_back("https://x.com/" + h + "_fake/status/1");
    forms.push_back("https://x.com/search?q=" + h);
    forms.push_back("https://x.com/intent/user?screen_name=" + h + "_fake");
    forms.push_back("https://www.instagram.com/" + h);  // the same name on another platform
  }
  if (a.platform == "facebook" && !h.empty()) {
    forms.push_back("https://www.facebook.com/groups/" + h);
    forms.push_back("https://fb.me/" + h + "1");
  }
  if (a.platform == "instagram" && !h.empty()) forms.push_back("https://www.instagram.com/p/" + h);
  if (a.platform == "line" && !h.empty()) forms.push_back("https://line.me/R/ti/p/@" + h + "_fake");
  if (a.url.find("lin.ee/") != std::string::npos) {
    std::string lowered = a.url;
    for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    forms.push_back(lowered);
  }
  return forms;
}

}  // namespace

TEST_CASE("rest verify: every link residents paste from a published municipal account is official, look-alikes are not",
          "[rest][verify][realdata]") {
  RestFixture f("sqlite");
  const std::vector<PublishedAccount> accounts = published_accounts();
  REQUIRE(accounts.size() >= 14);
  std::size_t registered = 0;
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const PublishedAccount& a = accounts[i];
    if (a.handle.empty() && a.url.empty()) continue;  // nothing published to verify against
    // As the office registers it: the handle as published, the URL as published (else the page
    // of the municipality that lists the account).
    const json channel = {{"ref", "RD-" + std::to_string(i + 1)},
                          {"kind", "social_media"},
                          {"title", a.municipality + " " + a.platform},
                          {"department", "広報課"},
                          {"period", {{"start", "2024-04-01"}}},
                          {"information", {{"confidentiality", 1}, {"integrity", 1}, {"availability", 1}}},
                          {"social_media",
                           {{"platform", a.platform},
                            {"account", a.handle.empty() ? a.url : "@" + a.handle},
                            {"url", a.url.empty() ? a.source : a.url}}}};
    const HttpResult created = f.call("admin", "POST", "/api/v1/channels", channel.dump());
    INFO(created.body);
    REQUIRE(created.status == 201);
    ++registered;
  }
  REQUIRE(registered >= 11);

  auto verify = [&](const std::string& query, const std::string& extra = "") {
    const HttpResult answer = http(f.server->port(), "GET", "/api/v1/verify?url=" + url_encoded(query) + extra);
    INFO(query << extra << " → " << answer.status << " " << answer.body);
    REQUIRE(answer.status == 200);
    return answer.json();
  };
  std::size_t forms_checked = 0;
  for (const PublishedAccount& a : accounts) {
    if (a.handle.empty() && a.url.empty()) continue;
    for (const std::string& form : pasted_forms(a)) {
      INFO(a.municipality << " " << a.platform << ": " << form);
      const json answer = verify(form);
      CHECK(answer.at("official") == true);
      const bool names_the_municipality = std::any_of(answer.at("channels").begin(), answer.at("channels").end(), [&](const json& c) {
        return c.at("title") == a.municipality + " " + a.platform;
      });
      CHECK(names_the_municipality);
      CHECK(answer.at("message").at("ja").get<std::string>().find("公式アカウントです") != std::string::npos);
      ++forms_checked;
    }
    for (const std::string& form : look_alikes(a)) {
      INFO(a.municipality << " " << a.platform << " look-alike: " << form);
      const HttpResult answer = http(f.server->port(), "GET", "/api/v1/verify?url=" + url_encoded(form));
      if (answer.status == 400) continue;  // refused as no address at all: not official either
      REQUIRE(answer.status == 200);
      CHECK(answer.json().at("official") == false);
      CHECK(answer.json().at("message").at("en").get<std::string>().find("impersonation") != std::string::npos);
    }
  }
  CHECK(forms_checked >= 60);

  // platform= as people write it, in any case; an unknown one is refused, not answered false.
  CHECK(verify("@cityjoyoPR", "&platform=X").at("official") == true);
  CHECK(verify("@cityjoyoPR", "&platform=" + url_encoded("X(旧Twitter)")).at("official") == true);
  CHECK(verify("@cityjoyoPR", "&platform=Instagram").at("official") == false);
  CHECK(verify("@joyocity", "&platform=" + url_encoded("LINE公式アカウント")).at("channels").size() == 1);
  const HttpResult unknown = http(f.server->port(), "GET", "/api/v1/verify?url=%40cityjoyopr&platform=myspace");
  CHECK(unknown.status == 400);
  CHECK(unknown.json().at("path") == "platform");
}

TEST_CASE("rest verify: an address off the channel's platform is never vouched for, and the answer names the platform",
          "[rest][verify]") {
  RestFixture f("sqlite");
  // Typed by mistake or on purpose: a look-alike host, a login page, another platform's address.
  int n = 0;
  for (const auto& [platform, url] : {std::pair{"x", "https://x.com.evil.example/hikarino_v"},
                                      {"x", "https://hikarino-city.evil.example/login"},
                                      {"instagram", "https://x.com/hikarino_v2"}}) {
    const json channel = {{"ref", "OFF-" + std::to_string(++n)},
                          {"kind", "social_media"},
                          {"title", "市公式"},
                          {"department", kOwnerDepartment},
                          {"period", {{"start", "2024-04-01"}}},
                          {"information", {{"confidentiality", 1}, {"integrity", 1}, {"availability", 1}}},
                          {"social_media", {{"platform", platform}, {"account", "@off_" + std::to_string(n)}, {"url", url}}}};
    REQUIRE(f.call("admin", "POST", "/api/v1/channels", channel.dump()).status == 201);
    const HttpResult answer = http(f.server->port(), "GET", "/api/v1/verify?url=" + url_encoded(url));
    INFO(url << " → " << answer.body);
    REQUIRE(answer.status == 200);
    CHECK(answer.json().at("official") == false);
  }
  const json official = http(f.server->port(), "GET", "/api/v1/verify?url=%40hikarino_city").json();
  CHECK(official.at("official") == true);
  CHECK(official.at("message").at("ja").get<std::string>().find("x: ") != std::string::npos);
  const json planned = http(f.server->port(), "GET",
                            "/api/v1/verify?url=" + url_encoded("https://bsky.app/profile/hikarino-city.bsky.social")).json();
  CHECK(planned.at("message").at("ja").get<std::string>().find("開設を予定") != std::string::npos);
}

TEST_CASE("rest verify: an unencoded Japanese value is answered in JSON", "[rest][verify]") {
  RestFixture f("sqlite");
  const HttpResult answer = http(f.server->port(), "GET", "/api/v1/verify?url=https://x.com/市役所");
  INFO(answer.status << " " << answer.body);
  CHECK(answer.status / 100 != 5);
  if (answer.status == 400) CHECK_NOTHROW(answer.json().at("message"));
  if (answer.status == 200) CHECK(answer.json().at("official") == false);
}
