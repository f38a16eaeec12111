// Lookup keys of social-media channels: the official accounts municipalities publish must be found
// however a resident pastes them, and no pasted address may reach another account's key.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "io/csv_reader.hpp"
#include "itaku/domain/channel_address.hpp"
#include "itaku/domain/platform.hpp"
#include "test_paths.hpp"

using itaku::channel_keys;
using itaku::channel_query_key;
using Keys = std::vector<std::string>;

namespace {

std::string key_of(std::string_view query) {
  const auto key = channel_query_key(query);
  INFO("query: " << query);
  REQUIRE(key.is_ok());
  return *key;
}

// The message of the failure, or a marker that makes the CHECK on it fail when the query passed.
std::string error_of(std::string_view query) {
  const auto key = channel_query_key(query);
  if (key.is_ok()) return "accepted as " + *key;
  CHECK(key.status().code() == itaku::ErrorCode::kInvalidArgument);
  return key.status().message();
}

std::vector<std::map<std::string, std::string>> read_csv(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  itaku::detail::CsvReader reader(in);
  itaku::detail::CsvRow row;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  while (reader.read_row(row)) {
    if (header.empty()) {
      header = row.fields;
      continue;
    }
    std::map<std::string, std::string> values;
    for (size_t i = 0; i < header.size() && i < row.fields.size(); ++i) values[header[i]] = row.fields[i];
    rows.push_back(std::move(values));
  }
  return rows;
}

// How an office clerk maps the platform names the municipalities print.
std::string platform_of(const std::string& printed) {
  if (printed.rfind("X", 0) == 0) return "x";
  if (printed.rfind("LINE", 0) == 0) return "line";
  if (printed == "Facebook") return "facebook";
  if (printed == "YouTube") return "youtube";
  if (printed == "Instagram") return "instagram";
  return "other";
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](char c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; });
  return text;
}

// The spellings of one published URL a resident may paste: either scheme or none, with or without
// "www.", host in capitals, with or without a trailing slash, with tracking query and fragment.
std::vector<std::string> url_variants(const std::string& url) {
  const size_t host_start = url.find("://") + 3;
  const size_t host_end = std::min(url.find('/', host_start), url.size());
  std::string host = url.substr(host_start, host_end - host_start);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  std::string path = url.substr(host_end);
  while (!path.empty() && path.back() == '/') path.pop_back();
  std::vector<std::string> variants;
  for (const std::string scheme : {"http://", "https://", "HTTPS://", ""}) {
    for (const std::string& h : {host, "www." + host, upper(host), "WWW." + upper(host)}) {
      for (const std::string& p : {path, path + "/", path + "/?utm_source=city_page#top"}) variants.push_back(scheme + h + p);
    }
  }
  return variants;
}

bool contains(const Keys& keys, const std::string& key) { return std::find(keys.begin(), keys.end(), key) != keys.end(); }

}  // namespace

TEST_CASE("channel keys: the example of the API contract", "[domain][channel_address]") {
  CHECK(channel_keys("x", "@CityJoyoPR", "https://twitter.com/cityjoyoPR/") == Keys{"x.com/cityjoyopr", "@cityjoyopr"});
  CHECK(key_of("https://twitter.com/cityjoyoPR/") == "x.com/cityjoyopr");
  CHECK(key_of("@CityJoyoPR") == "@cityjoyopr");
}

TEST_CASE("official municipal accounts: the keys of every published account", "[domain][channel_address][realdata]") {
  // (municipality, platform as printed) -> keys; URL key first, then the handle key.
  const std::map<std::pair<std::string, std::string>, Keys> expected{
      {{"城陽市", "Facebook"}, {"facebook.com/joyocity", "@joyocity"}},
      {{"城陽市", "X(旧Twitter)"}, {"x.com/cityjoyopr", "@cityjoyopr"}},
      // A channel id keeps its case, and JoyoMovieGallery is a legacy name, not a YouTube handle.
      {{"城陽市", "YouTube"}, {"youtube.com/channel/UCfrzA8BZ371C9InICYGolRA"}},
      // A LINE short link is a case-sensitive code.
      {{"城陽市", "LINE"}, {"lin.ee/sW58tA5", "@joyocity"}},
      {{"城陽市", "Instagram"}, {"instagram.com/joyo_city", "@joyo_city"}},
      {{"東広島市", "X"}, {"@city_higashihir"}},
      {{"桜川市", "Instagram"}, {"@sakuragawa_city"}},
      {{"出雲市", "Facebook"}, {"facebook.com/izumo.city", "@izumo.city"}},
      {{"大阪市(東住吉区役所)", "X(旧ツイッター)"}, {"@nadeshiko_nappy"}},
      {{"国東市", "LINE"}, {}},
      {{"大竹市", "LINE"}, {"@otakecity"}},
      {{"牧之原市", "LINE公式アカウント"}, {"@makinohara_city"}},
      {{"会津若松市", "LINE"}, {}},
      {{"那珂川市", "LINE"}, {}},
  };
  const auto rows = read_csv(itaku::test::realdata_file("municipal_sns_accounts_from_official_pages.csv"));
  REQUIRE(rows.size() == expected.size());
  for (const auto& row : rows) {
    const std::string& url = row.at("url_as_published");
    const std::string& handle = row.at("handle_or_id_as_published");
    INFO(row.at("municipality") << " " << row.at("platform") << " " << handle << " " << url);
    const auto wanted = expected.find({row.at("municipality"), row.at("platform")});
    REQUIRE(wanted != expected.end());
    const Keys keys = channel_keys(platform_of(row.at("platform")), handle, url);
    CHECK(keys == wanted->second);

    if (!url.empty()) {
      for (const std::string& variant : url_variants(url)) {
        INFO("variant: " << variant);
        CHECK(key_of(variant) == keys.front());
      }
    }
    if (!handle.empty() && keys.size() > (url.empty() ? 0u : 1u)) {
      const std::string name = handle.front() == '@' ? handle.substr(1) : handle;
      for (const std::string& query : {"@" + name, "@" + upper(name), " ＠" + name + "\n"}) {
        INFO("handle query: " << query);
        CHECK(contains(keys, key_of(query)));
      }
    }
  }
}

TEST_CASE("official municipal accounts: no key leads to another municipality's account", "[domain][channel_address][realdata]") {
  const auto rows = read_csv(itaku::test::realdata_file("municipal_sns_accounts_from_official_pages.csv"));
  REQUIRE(rows.size() >= 10);
  std::map<std::string, std::string> municipality_of_key;
  std::set<std::string> url_keys;
  size_t handle_keys = 0;
  for (const auto& row : rows) {
    const std::string& url = row.at("url_as_published");
    const Keys keys = channel_keys(platform_of(row.at("platform")), row.at("handle_or_id_as_published"), url);
    for (const std::string& key : keys) {
      INFO(row.at("municipality") << " " << row.at("platform") << " key " << key);
      if (key.front() == '@') {
        ++handle_keys;
        // Handle keys carry no platform: 城陽市 is "joyocity" on both Facebook and LINE. The
        // verify answer is still right as long as the owner is the same.
        const auto [it, inserted] = municipality_of_key.emplace(key, row.at("municipality"));
        CHECK((inserted || it->second == row.at("municipality")));
      } else {
        CHECK(url_keys.insert(key).second);
      }
    }
  }
  CHECK(url_keys.size() == 6);
  CHECK(handle_keys == 10);
  // One account's URL must not be reachable from another's by dropping case where it matters.
  CHECK(key_of("https://lin.ee/sw58ta5") != key_of("https://lin.ee/sW58tA5"));
  CHECK(key_of("https://www.youtube.com/channel/ucfrza8bz371c9inicygolra") != "youtube.com/channel/UCfrzA8BZ371C9InICYGolRA");
}

TEST_CASE("channel query key: scheme dropped, only http and https accepted", "[domain][channel_address]") {
  CHECK(key_of("http://x.com/cityjoyoPR") == "x.com/cityjoyopr");
  CHECK(key_of("HtTpS://x.com/cityjoyoPR") == "x.com/cityjoyopr");
  CHECK(key_of("x.com/cityjoyoPR") == "x.com/cityjoyopr");
  CHECK(key_of("//x.com/cityjoyoPR") == "x.com/cityjoyopr");
  CHECK_THAT(error_of("ftp://x.com/a"), Catch::Contains("unsupported scheme 'ftp:'"));
  CHECK_THAT(error_of("javascript:alert(1)"), Catch::Contains("unsupported scheme 'javascript:'"));
  CHECK_THAT(error_of("JavaScript://x.com/%0Aalert(1)"), Catch::Contains("unsupported scheme 'JavaScript:'"));
  CHECK_THAT(error_of("data:text/html,hi"), Catch::Contains("unsupported scheme 'data:'"));
  CHECK_THAT(error_of("mailto:koho@city.joyo.lg.jp"), Catch::Contains("unsupported scheme 'mailto:'"));
  CHECK_THAT(error_of("https:x.com/a"), Catch::Contains("expected '//'"));
}

TEST_CASE("channel query key: host lower-cased, www. m. mobile. prefixes and a trailing dot dropped", "[domain][channel_address]") {
  CHECK(key_of("https://WWW.FACEBOOK.COM/joyocity") == "facebook.com/joyocity");
  CHECK(key_of("https://m.facebook.com/joyocity") == "facebook.com/joyocity");
  CHECK(key_of("https://mobile.twitter.com/cityjoyoPR") == "x.com/cityjoyopr");
  CHECK(key_of("https://m.youtube.com/channel/UCfrzA8BZ371C9InICYGolRA") == "youtube.com/channel/UCfrzA8BZ371C9InICYGolRA");
  CHECK(key_of("https://www.instagram.com./joyo_city/") == "instagram.com/joyo_city");
  // A host that is only the prefix and a top-level domain is a host of its own.
  CHECK(key_of("https://m.com/a") == "m.com/a");
  CHECK(key_of("https://www.city.joyo.kyoto.jp/0000001613.html") == "city.joyo.kyoto.jp/0000001613.html");
}

TEST_CASE("channel query key: host aliases twitter.com fb.com threads.com unified, youtu.be kept", "[domain][channel_address]") {
  CHECK(key_of("https://twitter.com/cityjoyoPR") == key_of("https://x.com/cityjoyoPR"));
  CHECK(key_of("https://fb.com/izumo.city") == "facebook.com/izumo.city");
  CHECK(key_of("https://www.threads.com/@Joyo_City") == "threads.net/@joyo_city");
  CHECK(key_of("https://youtu.be/dQw4w9WgXcQ") == "youtu.be/dQw4w9WgXcQ");
  CHECK(key_of("https://vm.tiktok.com/ZSabCdE/") == "vm.tiktok.com/ZSabCdE");
}

TEST_CASE("channel query key: default ports dropped, others kept", "[domain][channel_address]") {
  CHECK(key_of("https://x.com:443/cityjoyoPR") == "x.com/cityjoyopr");
  CHECK(key_of("http://x.com:80/cityjoyoPR") == "x.com/cityjoyopr");
  CHECK(key_of("x.com:443/cityjoyoPR") == "x.com/cityjoyopr");
  CHECK(key_of("https://x.com:/cityjoyoPR") == "x.com/cityjoyopr");
  CHECK(key_of("http://x.com:443/cityjoyoPR") == "x.com:443/cityjoyopr");
  CHECK(key_of("https://sns.example.jp:8443/Koho") == "sns.example.jp:8443/Koho");
  CHECK(key_of("https://sns.example.jp:08443/Koho") == "sns.example.jp:8443/Koho");
  CHECK_THAT(error_of("https://x.com:99999/a"), Catch::Contains("not a port number"));
  CHECK_THAT(error_of("https://x.com:https/a"), Catch::Contains("not a port number"));
  // A long port is quoted shortened to 10 bytes, between characters: 号 takes bytes 10-12.
  CHECK_THAT(error_of("https://x.com:123456番号/a"), Catch::Contains("port '123456番' is not"));
}

TEST_CASE("channel query key: trailing slashes, query and fragment dropped", "[domain][channel_address]") {
  CHECK(key_of("https://www.instagram.com/joyo_city///") == "instagram.com/joyo_city");
  CHECK(key_of("https://www.instagram.com/joyo_city/?hl=ja&igsh=abc#posts") == "instagram.com/joyo_city");
  CHECK(key_of("https://x.com/") == "x.com");
  CHECK(key_of("https://x.com") == "x.com");
  CHECK(key_of("https://x.com?lang=ja") == "x.com");
  CHECK(key_of("https://note.com/city_joyo#top") == "note.com/city_joyo");
}

TEST_CASE("channel query key: facebook profile.php keeps its id, youtube watch its video", "[domain][channel_address]") {
  CHECK(key_of("https://www.facebook.com/profile.php?id=100064599397436") == "facebook.com/profile.php?id=100064599397436");
  CHECK(key_of("https://m.facebook.com/Profile.php?sk=about&id=100064599397436#x") == "facebook.com/profile.php?id=100064599397436");
  CHECK(key_of("https://facebook.com/profile.php?id=100064599397436") != key_of("https://facebook.com/profile.php?id=100064599397437"));
  CHECK(key_of("https://www.facebook.com/profile.php?id=abc") == "facebook.com/profile.php");
  CHECK(key_of("https://www.facebook.com/joyocity?id=1") == "facebook.com/joyocity");
  CHECK(key_of("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=30s") == "youtube.com/watch?v=dQw4w9WgXcQ");
  CHECK(key_of("https://www.youtube.com/watch?v=dQw4w9WgXcQ") != key_of("https://www.youtube.com/watch?v=aaaaaaaaaaa"));
}

TEST_CASE("channel query key: path case follows the platform", "[domain][channel_address]") {
  CHECK(key_of("https://x.com/CityJoyoPR/Status/1") == "x.com/cityjoyopr/status/1");
  CHECK(key_of("https://www.instagram.com/Joyo_City/") == "instagram.com/joyo_city");
  CHECK(key_of("https://www.tiktok.com/@Joyo.City") == "tiktok.com/@joyo.city");
  CHECK(key_of("https://www.threads.net/@Joyo_City") == "threads.net/@joyo_city");
  CHECK(key_of("https://www.facebook.com/Izumo.City") == "facebook.com/izumo.city");
  CHECK(key_of("https://note.com/City_Joyo") == "note.com/city_joyo");
  CHECK(key_of("https://www.youtube.com/@Example-City") == "youtube.com/@example-city");
  CHECK(key_of("https://www.youtube.com/c/JoyoMovieGallery/videos") == "youtube.com/c/joyomoviegallery/videos");
  CHECK(key_of("https://www.youtube.com/user/JoyoMovieGallery") == "youtube.com/user/joyomoviegallery");
  CHECK(key_of("https://bsky.app/profile/City.Joyo.BSKY.social") == "bsky.app/profile/city.joyo.bsky.social");
  CHECK(key_of("https://bsky.app/Profile/City.bsky.social/post/3kAbC") == "bsky.app/profile/city.bsky.social/post/3kAbC");
  // Case-sensitive identifiers keep their case.
  CHECK(key_of("https://www.youtube.com/channel/UCfrzA8BZ371C9InICYGolRA/") == "youtube.com/channel/UCfrzA8BZ371C9InICYGolRA");
  CHECK(key_of("https://youtube.com/shorts/AbCdEfGhIjK") == "youtube.com/shorts/AbCdEfGhIjK");
  CHECK(key_of("https://lin.ee/sW58tA5") == "lin.ee/sW58tA5");
  CHECK(key_of("https://page.line.me/JoyoCity") == "page.line.me/JoyoCity");
  CHECK(key_of("https://www.tiktok.com/t/ZSabCdE/") == "tiktok.com/t/ZSabCdE");
  CHECK(key_of("https://Example.JP/SNS/Koho") == "example.jp/SNS/Koho");
}

TEST_CASE("channel query key: the at sign in x instagram tiktok profile paths", "[domain][channel_address]") {
  CHECK(key_of("https://x.com/@cityjoyoPR") == "x.com/cityjoyopr");
  CHECK(key_of("https://twitter.com/%40cityjoyoPR") == "x.com/cityjoyopr");
  CHECK(key_of("https://www.instagram.com/@joyo_city/") == "instagram.com/joyo_city");
  CHECK(key_of("https://www.tiktok.com/joyo_city") == "tiktok.com/@joyo_city");
  CHECK(key_of("https://www.tiktok.com/@joyo_city/video/7300000000000000000") == "tiktok.com/@joyo_city/video/7300000000000000000");
  // Old Twitter pages printed the name after #!/.
  CHECK(key_of("http://twitter.com/#!/cityjoyoPR") == "x.com/cityjoyopr");
  CHECK(key_of("https://x.com/cityjoyoPR#!/someone") == "x.com/cityjoyopr");
}

TEST_CASE("channel query key: percent escapes decoded for plain ASCII only", "[domain][channel_address]") {
  CHECK(key_of("https://x.com/%63ity%4aoyo%50R") == "x.com/cityjoyopr");
  CHECK(key_of("https://www.instagram.com/joyo%5Fcity/") == "instagram.com/joyo_city");
  CHECK(key_of("https://example.jp/a%2fb") == "example.jp/a%2Fb");
  CHECK(key_of("https://example.jp/a%2fb") != key_of("https://example.jp/a/b"));
  CHECK(key_of("https://example.jp/a%20b") == "example.jp/a%20b");
  CHECK(key_of("https://note.com/%e5%9f%8e%e9%99%BD") == "note.com/%E5%9F%8E%E9%99%BD");
  CHECK(key_of("https://note.com/城陽") == "note.com/%E5%9F%8E%E9%99%BD");
  CHECK(key_of("https://example.jp/100%") == "example.jp/100%25");
  CHECK(key_of("https://x.com/someone/%2E%2E/cityjoyoPR") == "x.com/cityjoyopr");
  CHECK(key_of("https://x.com/./cityjoyoPR") == "x.com/cityjoyopr");
  CHECK(key_of("https://x.com\\cityjoyoPR") == "x.com/cityjoyopr");
  // As in a browser, the host ends at the backslash: this is a page of evil.example, not of x.com.
  CHECK(key_of("https://evil.example\\@x.com/") == "evil.example/@x.com");
  // "@." is no handle: left as it is, so that the key finds itself.
  CHECK(key_of("https://x.com/@./a") == "x.com/@./a");
  CHECK(key_of("x.com/@./a") == "x.com/@./a");
  CHECK(key_of("https://x.com/@@/a") == "x.com/@@/a");
  CHECK(key_of("https://x.com/@/a") == "x.com/@/a");
  // An escaped backslash stays escaped: unescaped, the key would read as another path.
  CHECK(key_of("https://example.jp/a%5cb") == "example.jp/a%5Cb");
  CHECK(key_of("example.jp/a%5Cb") == "example.jp/a%5Cb");
  CHECK(key_of("https://example.jp/a%5cb") != key_of("https://example.jp/a/b"));
}

TEST_CASE("channel query key: internationalised hosts kept as given", "[domain][channel_address]") {
  CHECK(key_of("https://城陽市.JP/SNS/") == "城陽市.jp/SNS");
  CHECK(key_of("https://www.城陽市.jp") == "城陽市.jp");
  CHECK(key_of("https://xn--ihqv0a753a.jp/") != key_of("https://城陽市.jp/"));
}

TEST_CASE("channel query key: handles", "[domain][channel_address]") {
  CHECK(key_of("@CityJoyoPR") == "@cityjoyopr");
  CHECK(key_of("  @sakuragawa_city  ") == "@sakuragawa_city");
  CHECK(key_of("＠otakecity") == "@otakecity");
  CHECK(key_of("\xE3\x80\x80@izumo.city\xC2\xA0") == "@izumo.city");
  CHECK(key_of("@city.joyo.bsky.social") == "@city.joyo.bsky.social");
  CHECK_THAT(error_of("@"), Catch::Contains("'@' must be followed by the account's handle"));
  CHECK_THAT(error_of("@city/joyo"), Catch::Contains("only letters, digits"));
  CHECK_THAT(error_of("@@cityjoyopr"), Catch::Contains("only letters, digits"));
}

TEST_CASE("channel query key: what is neither a URL nor a handle is refused with the reason", "[domain][channel_address]") {
  CHECK_THAT(error_of(""), Catch::Contains("empty"));
  CHECK_THAT(error_of("   "), Catch::Contains("empty"));
  CHECK_THAT(error_of("\xE3\x80\x80\t\n"), Catch::Contains("empty"));
  CHECK_THAT(error_of("https://"), Catch::Contains("no host"));
  CHECK_THAT(error_of("https:///cityjoyoPR"), Catch::Contains("no host"));
  CHECK_THAT(error_of("http://:80/a"), Catch::Contains("no host"));
  CHECK_THAT(error_of("not a url with spaces"), Catch::Contains("spaces inside"));
  CHECK_THAT(error_of("https://x.com/city joyo"), Catch::Contains("spaces inside"));
  CHECK_THAT(error_of("https://x .com/a"), Catch::Contains("spaces inside"));
  CHECK_THAT(error_of("@city\xE3\x80\x80joyo"), Catch::Contains("spaces inside"));
  CHECK_THAT(error_of("https://x.com/a\x01"), Catch::Contains("control character"));
  CHECK_THAT(error_of("cityjoyoPR"), Catch::Contains("not a URL or @handle"));
  CHECK_THAT(error_of("https://x.com@evil.example/cityjoyoPR"), Catch::Contains("user info"));
  CHECK_THAT(error_of("https://x.com＠evil.example/cityjoyoPR"), Catch::Contains("user info"));
  CHECK_THAT(error_of("https://＠cityjoyopr.example/a"), Catch::Contains("user info"));
  CHECK_THAT(error_of("https://x<y>.com/a"), Catch::Contains("host contains '<'"));
  CHECK_THAT(error_of("https://x.com/" + std::string(3000, 'a')), Catch::Contains("longer than 2048 bytes"));
}

TEST_CASE("channel keys: handle keys by platform", "[domain][channel_address]") {
  CHECK(channel_keys("instagram", "@sakuragawa_city", "https://www.instagram.com/sakuragawa_city/") ==
        Keys{"instagram.com/sakuragawa_city", "@sakuragawa_city"});
  CHECK(channel_keys("bluesky", "city.joyo.bsky.social", "https://bsky.app/profile/city.joyo.bsky.social") ==
        Keys{"bsky.app/profile/city.joyo.bsky.social", "@city.joyo.bsky.social"});
  // YouTube: a handle only when written as one or when the URL is the handle's page.
  CHECK(channel_keys("youtube", "@Example-City", "https://www.youtube.com/@example-city") ==
        Keys{"youtube.com/@example-city", "@example-city"});
  CHECK(channel_keys("youtube", "example-city", "https://www.youtube.com/@Example-City") ==
        Keys{"youtube.com/@example-city", "@example-city"});
  CHECK(channel_keys("youtube", "@JoyoCity", "https://www.youtube.com/channel/UCfrzA8BZ371C9InICYGolRA") ==
        Keys{"youtube.com/channel/UCfrzA8BZ371C9InICYGolRA", "@joyocity"});
  CHECK(channel_keys("youtube", "UCfrzA8BZ371C9InICYGolRA", "https://www.youtube.com/channel/UCfrzA8BZ371C9InICYGolRA") ==
        Keys{"youtube.com/channel/UCfrzA8BZ371C9InICYGolRA"});
  CHECK(channel_keys("youtube", "JoyoMovieGallery", "https://www.youtube.com/c/JoyoMovieGallery") ==
        Keys{"youtube.com/c/joyomoviegallery"});
  // Nothing says the account of an "other" service is a handle.
  CHECK(channel_keys("other", "citynews", "https://sns.example.jp/CityNews") == Keys{"sns.example.jp/CityNews"});
  // An account that is a display name, or a URL that is not one, gives no key.
  CHECK(channel_keys("x", "城陽市役所PR", "https://x.com/cityjoyoPR") == Keys{"x.com/cityjoyopr"});
  CHECK(channel_keys("x", "cityjoyoPR", "javascript:alert(1)") == Keys{"@cityjoyopr"});
  CHECK(channel_keys("line", "", "").empty());
}

TEST_CASE("channel account: the account a post, a tab or a share link belongs to", "[domain][channel_address]") {
  using itaku::channel_account;
  auto account = [](std::string_view query) {
    const auto found = channel_account(key_of(query));
    return found ? found->platform + " " + found->handle + " " + found->profile_key : std::string("none");
  };
  CHECK(account("https://x.com/CityJoyoPR/status/185") == "x cityjoyopr x.com/cityjoyopr");
  CHECK(account("https://twitter.com/intent/user?screen_name=CityJoyoPR") == "x cityjoyopr x.com/cityjoyopr");
  CHECK(account("https://twitter.com/intent/follow?foo=1&screen_name=cityjoyopr") == "x cityjoyopr x.com/cityjoyopr");
  CHECK(account("https://fb.me/joyocity") == "facebook joyocity facebook.com/joyocity");
  CHECK(account("https://ja-jp.facebook.com/joyocity/posts/1") == "facebook joyocity facebook.com/joyocity");
  CHECK(account("https://mbasic.facebook.com/joyocity") == "facebook joyocity facebook.com/joyocity");
  CHECK(account("https://instagr.am/joyo_city") == "instagram joyo_city instagram.com/joyo_city");
  CHECK(account("https://www.instagram.com/stories/joyo_city/1/") == "instagram joyo_city instagram.com/joyo_city");
  CHECK(account("https://line.me/R/ti/p/@OtakeCity") == "line otakecity ");
  CHECK(account("https://line.me/ti/p/%40otakecity") == "line otakecity ");
  CHECK(account("https://page.line.me/otakecity") == "line otakecity ");
  CHECK(account("https://www.tiktok.com/@city/video/1") == "tiktok city tiktok.com/@city");
  CHECK(account("https://www.threads.net/@city/post/C1") == "threads city threads.net/@city");
  CHECK(account("https://bsky.app/profile/city.bsky.social/post/3k") == "bluesky city.bsky.social bsky.app/profile/city.bsky.social");
  CHECK(account("https://www.youtube.com/@City/videos") == "youtube city youtube.com/@city");
  CHECK(account("https://www.youtube.com/channel/UCfrzA8/videos") == "youtube  youtube.com/channel/UCfrzA8");
  // Pages of the platform, posts without an account, look-alike hosts: no account.
  for (const char* none : {"https://x.com/search?q=city", "https://x.com/i/lists/1", "https://x.com/intent/user?user_id=12",
                           "https://www.instagram.com/p/CODE", "https://www.facebook.com/groups/city",
                           "https://www.facebook.com/profile.php?id=1", "https://x.com.evil.example/city",
                           "https://lin.ee/sW58tA5", "https://line.me/R/ti/p/~city", "https://youtu.be/abc",
                           "https://www.instagram.com/stories/p/1"}) {
    INFO(none);
    CHECK(account(none) == "none");
  }
}

TEST_CASE("platform words: the names municipalities print, in any case and width", "[domain][platform]") {
  using itaku::platform_word;
  for (const char* x : {"x", "X", "Ｘ", "X(旧Twitter)", "X（旧ツイッター）", "Twitter", "ツイッター", "x.com"}) {
    INFO(x);
    CHECK(platform_word(x) == std::optional<std::string>("x"));
  }
  CHECK(platform_word("LINE公式アカウント") == std::optional<std::string>("line"));
  CHECK(platform_word("LINE") == std::optional<std::string>("line"));
  CHECK(platform_word("Facebook") == std::optional<std::string>("facebook"));
  CHECK(platform_word("フェイスブック") == std::optional<std::string>("facebook"));
  CHECK(platform_word("YouTube") == std::optional<std::string>("youtube"));
  CHECK(platform_word("Instagram") == std::optional<std::string>("instagram"));
  CHECK(platform_word("TikTok") == std::optional<std::string>("tiktok"));
  CHECK(platform_word("Bluesky") == std::optional<std::string>("bluesky"));
  CHECK_FALSE(platform_word("myspace"));
  CHECK_FALSE(platform_word(""));
  CHECK_FALSE(platform_word("(旧Twitter)"));
}
