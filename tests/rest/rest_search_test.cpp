// `q` on GET /engagements, /channels and /vendors: what it finds per role, how it composes with
// the other filters and the cursors, and what it refuses.
#include <catch2/catch.hpp>

#include "rest/rest_fixture.hpp"

using namespace itaku::test;
using nlohmann::json;

namespace {

// The refs (or, for vendors, the names) of every item of a listing, following its cursors; also
// how many pages it took.
struct Listing {
  std::vector<std::string> keys;
  int pages = 0;
  int statuses_not_200 = 0;
};

Listing list_all(const RestFixture& f, const std::string& role, const std::string& target, const char* key = "ref") {
  Listing listing;
  std::string cursor;
  for (int page = 0; page < 50; ++page) {
    const char* joiner = target.find('?') == std::string::npos ? "?" : "&";
    const HttpResult answer = f.call(role, "GET", target + (cursor.empty() ? "" : joiner + std::string("cursor=") + cursor));
    ++listing.pages;
    if (answer.status != 200) {
      INFO(target << " → " << answer.status << " " << answer.body);
      ++listing.statuses_not_200;
      break;
    }
    const json body = answer.json();
    for (const auto& item : body.at("items")) listing.keys.push_back(item.at(key).get<std::string>());
    if (body.at("next_cursor").is_null()) break;
    cursor = body.at("next_cursor").get<std::string>();
  }
  return listing;
}

std::vector<std::string> refs(const RestFixture& f, const std::string& role, const std::string& target) {
  const Listing listing = list_all(f, role, target);
  CHECK(listing.statuses_not_200 == 0);
  return listing.keys;
}

using Refs = std::vector<std::string>;

long long dashboard_engagements(const RestFixture& f, const std::string& role) {
  const HttpResult answer = f.call(role, "GET", "/api/v1/dashboard");
  REQUIRE(answer.status == 200);
  return answer.json().at("engagements").get<long long>();
}

}  // namespace

TEST_CASE("rest search: q finds engagements by ref, title, department, vendor, 法人番号 and person", "[rest][search]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  const std::string engagements = "/api/v1/engagements?q=";

  // A vendor's name in Japanese, as a plain substring.
  CHECK(refs(f, "officer", engagements + url_encoded("富士通")) == Refs{"R7-C-005"});
  CHECK(refs(f, "officer", engagements + url_encoded("ジャパン・コンピュータ")) == Refs{"R7-S-004"});
  // Its 法人番号, part of it too.
  CHECK(refs(f, "officer", engagements + "1120001089598") == Refs{"R7-C-003"});
  // The responsible person's name; the department; the title; the ref without case.
  CHECK(refs(f, "officer", engagements + url_encoded("上野 太郎")) == Refs{"EX-001", "R7-C-013", "R7-S-004"});
  // A form's `+` is a space too; a plus sign is %2B.
  CHECK(refs(f, "officer", engagements + url_encoded("上野") + "+" + url_encoded("太郎")) ==
        Refs{"EX-001", "R7-C-013", "R7-S-004"});
  CHECK(refs(f, "officer", engagements + url_encoded("上野+太郎")).empty());
  CHECK(refs(f, "auditor", engagements + url_encoded("危機管理課")) == Refs{"CH-X-02", "R7-C-011", "R7-S-005"});
  CHECK(refs(f, "officer", engagements + url_encoded("コールセンター")) == Refs{"R7-C-013"});
  CHECK(refs(f, "officer", engagements + "r7-s-00") ==
        Refs{"R7-S-001", "R7-S-002", "R7-S-003", "R7-S-004", "R7-S-005", "R7-S-006", "R7-S-007"});
  // Full-width letters in a name match what is typed in ASCII, and the other way round.
  CHECK(refs(f, "officer", engagements + "kddi") == Refs{"R7-S-005"});
  CHECK(refs(f, "officer", engagements + url_encoded("ｋｄｄｉ")) == Refs{"R7-S-005"});
  CHECK(refs(f, "officer", engagements + url_encoded("NXワンビシ")) == Refs{"R7-C-021"});
  // Half-width kana as typed on some keyboards: ｼｽﾃﾑ finds システム.
  CHECK(refs(f, "officer", engagements + url_encoded("ﾃﾞｻﾞｲﾝ")) == Refs{"R7-C-009"});
  // Nothing found is an empty last page; spaces around the text do not count.
  const HttpResult none = f.call("officer", "GET", engagements + url_encoded("存在しない名前"));
  REQUIRE(none.status == 200);
  CHECK(none.json() == json{{"items", json::array()}, {"next_cursor", nullptr}});
  CHECK(refs(f, "officer", engagements + url_encoded(" 富士通\u3000")) == Refs{"R7-C-005"});
  // An empty q is no search.
  CHECK(refs(f, "officer", engagements).size() == example_records().size());
  // A channel's account and address are found in the list of engagements as in the list of channels.
  CHECK(refs(f, "officer", engagements + url_encoded("@hikarino_city")) == Refs{"CH-X-01"});
}

TEST_CASE("rest search: q composes with kind, department, decision, the role's reach and the cursors", "[rest][search][roles]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  const std::string citizens = url_encoded("市民課");

  CHECK(refs(f, "officer", "/api/v1/engagements?q=" + citizens) == Refs{"EX-001", "R7-C-013", "R7-S-004"});
  CHECK(refs(f, "officer", "/api/v1/engagements?kind=cloud&q=" + citizens) == Refs{"R7-S-004"});
  CHECK(refs(f, "officer", "/api/v1/engagements?kind=contractor&q=" + citizens) == Refs{"EX-001", "R7-C-013"});
  CHECK(refs(f, "officer", "/api/v1/engagements?kind=social_media&q=" + citizens).empty());
  // The person 上野 太郎 of 市民課 also answers to a department filter of another department: none.
  CHECK(refs(f, "officer", "/api/v1/engagements?department=" + url_encoded("税務課") + "&q=" + citizens).empty());
  // With a decision filter: the matches are exactly those of the unfiltered search with that decision.
  for (const std::string decision : {"approve", "conditional", "reject"}) {
    INFO(decision);
    Refs expected;
    const json all = f.call("officer", "GET", "/api/v1/engagements?as_of=2026-04-01&limit=500&q=" + citizens).json();
    for (const auto& item : all.at("items")) {
      if (item.at("decision") == decision) expected.push_back(item.at("ref"));
    }
    CHECK(refs(f, "officer", "/api/v1/engagements?as_of=2026-04-01&decision=" + decision + "&q=" + citizens) == expected);
  }

  // Paged one by one, the same refs in the same order.
  const Listing paged = list_all(f, "officer", "/api/v1/engagements?limit=1&q=" + citizens);
  CHECK(paged.keys == Refs{"EX-001", "R7-C-013", "R7-S-004"});
  // The last page is empty: the page of R7-S-004 was full and engagements followed it, so it
  // carried a cursor (it cannot know that none of them matches without reading them).
  CHECK(paged.pages == 4);

  // Each role finds only what it may see: procurement no channels, the owner only its department's.
  const std::string hikarino = "hikarino";
  CHECK(refs(f, "admin", "/api/v1/engagements?q=" + hikarino) ==
        Refs{"CH-BSKY-01", "CH-FB-01", "CH-IG-01", "CH-LINE-01", "CH-X-01", "CH-X-02"});
  CHECK(refs(f, "procurement", "/api/v1/engagements?q=" + hikarino).empty());
  CHECK(refs(f, "channel_owner", "/api/v1/engagements?q=" + hikarino) == Refs{"CH-BSKY-01", "CH-LINE-01", "CH-X-01"});
  CHECK(refs(f, "channel_owner", "/api/v1/channels?q=" + hikarino) == Refs{"CH-BSKY-01", "CH-LINE-01", "CH-X-01"});
  CHECK(refs(f, "auditor", "/api/v1/channels?q=" + hikarino).size() == 6);
  // A channel's url and account; its department; a title in Japanese.
  CHECK(refs(f, "officer", "/api/v1/channels?q=x.com") == Refs{"CH-X-01", "CH-X-02"});
  CHECK(refs(f, "officer", "/api/v1/channels?q=lin.ee%2FhKrN0cT") == Refs{"CH-LINE-01"});
  CHECK(refs(f, "channel_owner", "/api/v1/channels?q=" + url_encoded("YouTube")) == Refs{"EX-002"});
  CHECK(refs(f, "officer", "/api/v1/channels?q=" + url_encoded("子育て")) == Refs{"CH-IG-01"});
  // A search does not widen what a role may ask for: the same 403 as without it.
  CHECK(f.call("procurement", "GET", "/api/v1/channels?q=" + hikarino).status == 403);
  CHECK(f.call("channel_owner", "GET", "/api/v1/engagements?kind=contractor&q=" + hikarino).status == 403);
}

TEST_CASE("rest search: q finds vendors by name or 法人番号", "[rest][search]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  CHECK(list_all(f, "procurement", "/api/v1/vendors?q=kddi", "name").keys == Refs{"ＫＤＤＩ株式会社"});
  CHECK(list_all(f, "auditor", "/api/v1/vendors?q=" + url_encoded("ＫＤＤＩ"), "name").keys == Refs{"ＫＤＤＩ株式会社"});
  CHECK(list_all(f, "officer", "/api/v1/vendors?q=9011101031552", "name").keys == Refs{"ＫＤＤＩ株式会社"});
  CHECK(list_all(f, "officer", "/api/v1/vendors?q=" + url_encoded("富士通"), "name").keys == Refs{"富士通株式会社"});
  CHECK(list_all(f, "officer", "/api/v1/vendors?q=" + url_encoded("存在しない"), "name").keys.empty());
  // Not by what only an engagement says (a title, a department).
  CHECK(list_all(f, "officer", "/api/v1/vendors?q=" + url_encoded("市民課"), "name").keys.empty());

  // Paged one at a time, the vendors whose name holds ・ are those of the whole list that do, in
  // the same order.
  std::vector<std::string> expected;
  for (const auto& name : list_all(f, "officer", "/api/v1/vendors", "name").keys) {
    if (name.find("・") != std::string::npos) expected.push_back(name);
  }
  REQUIRE(expected.size() == 4);
  const Listing paged = list_all(f, "officer", "/api/v1/vendors?limit=1&q=" + url_encoded("・"), "name");
  CHECK(paged.keys == expected);
  CHECK(paged.statuses_not_200 == 0);
  // The channel owner reads no vendors, searching or not.
  CHECK(f.call("channel_owner", "GET", "/api/v1/vendors?q=kddi").status == 403);
}

TEST_CASE("rest search: a q over 200 characters or not UTF-8 is refused naming q, never echoed", "[rest][search][errors]") {
  RestFixture f("sqlite");
  std::string exactly;
  for (int i = 0; i < 200; ++i) exactly += "あ";
  for (const std::string route : {"/api/v1/engagements", "/api/v1/channels", "/api/v1/vendors"}) {
    INFO(route);
    CHECK(f.call("officer", "GET", route + "?q=" + url_encoded(exactly)).status == 200);
    const HttpResult long_one = f.call("officer", "GET", route + "?q=" + url_encoded(exactly + "い"));
    CHECK(long_one.status == 400);
    const json error = long_one.json();
    CHECK(error.at("code") == "invalid_argument");
    CHECK(error.at("path") == "q");
    const std::string message = error.at("message");
    CHECK(message.find("200") != std::string::npos);
    CHECK(message.find("あああ") == std::string::npos);
    // A long parameter is answered with a short message.
    const HttpResult huge = f.call("officer", "GET", route + "?q=" + std::string(20000, 'x'));
    CHECK(huge.status == 400);
    CHECK(huge.body.size() < 600);
    CHECK(huge.body.find("xxxx") == std::string::npos);
    const HttpResult broken = f.call("officer", "GET", route + "?q=%FF%FE");
    CHECK(broken.status == 400);
    CHECK(broken.json().at("path") == "q");
  }
  // Without a token the answer is 401, whatever q holds.
  CHECK(f.call("", "GET", "/api/v1/engagements?q=" + std::string(300, 'x')).status == 401);
}

TEST_CASE("rest search: a rare q comes back in short pages with a cursor once the scan limit is reached", "[rest][search]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  // 4,200 engagements that do not match, sorted before the one that does (the service reads at
  // most 4,096 engagements per page).
  ScratchDir scratch("search");
  std::string lines;
  json filler = example_record("R7-C-003");
  for (int i = 0; i < 4200; ++i) {
    filler["ref"] = "FILL-" + std::to_string(10000 + i);
    lines += filler.dump() + "\n";
  }
  json needle = example_record("R7-C-003");
  needle["ref"] = "ZZ-1";
  needle["title"] = "探し物の委託";
  lines += needle.dump() + "\n";
  write_file(scratch / "many.jsonl", lines);
  const ProcessResult imported = itaku_with_db(f.database, {"import", (scratch / "many.jsonl").string()});
  REQUIRE(imported.exit_code == 0);

  const HttpResult first = f.call("officer", "GET", "/api/v1/engagements?q=" + url_encoded("探し物"));
  REQUIRE(first.status == 200);
  const json page = first.json();
  CHECK(page.at("items").empty());           // short: nothing matched in what was read
  REQUIRE(page.at("next_cursor").is_string());  // but the registry is not at its end
  const Listing all = list_all(f, "officer", "/api/v1/engagements?q=" + url_encoded("探し物"));
  CHECK(all.keys == Refs{"ZZ-1"});
  CHECK(all.pages == 2);

  // A channel owner's scan reads only its own channels: one full answer, however many
  // engagements of other kinds and departments the registry holds.
  for (const std::string route : {"/api/v1/engagements", "/api/v1/channels"}) {
    INFO(route);
    const HttpResult owned = f.call("channel_owner", "GET", route + "?q=hikarino");
    REQUIRE(owned.status == 200);
    const json owned_page = owned.json();
    CHECK(owned_page.at("items").size() == 3);
    CHECK(owned_page.at("next_cursor").is_null());
  }
  CHECK(dashboard_engagements(f, "channel_owner") == 4);
}
