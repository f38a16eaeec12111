// TextSearch: what a list's `q` finds, and what it refuses.
#include <catch2/catch.hpp>

#include "itaku/service/text_search.hpp"

using namespace itaku;

namespace {

TextSearch search_for(const std::string& text) {
  auto search = TextSearch::parse(text, "q");
  REQUIRE(search);
  return std::move(search).value();
}

Engagement sample() {
  Engagement e;
  e.ref = "R7-C-021";
  e.kind = "contractor";
  e.title = "行政文書等保管・集配業務";
  e.department = "総務課";
  e.vendor = Vendor{"株式会社ＮＸワンビシアーカイブズ", std::string("4010401065760"), std::nullopt, {}};
  e.responsible_person = Person{"森 直子", "総務課", std::nullopt, std::nullopt};
  return e;
}

}  // namespace

TEST_CASE("text search: folding of case, full-width ASCII, ideographic spaces and half-width kana", "[core][search]") {
  CHECK(search_folded("ABC xyz") == "abc xyz");
  CHECK(search_folded("ＫＤＤＩ株式会社") == "kddi株式会社");
  CHECK(search_folded("１２３＠ｘ．ｃｏｍ") == "123@x.com");
  CHECK(search_folded("市民課\u3000窓口") == "市民課 窓口");
  CHECK(search_folded("ｼｽﾃﾑ") == "システム");
  CHECK(search_folded("ｶﾞｲﾄﾞ ﾊﾟﾝﾌﾚｯﾄ ｳﾞ") == "ガイド パンフレット ヴ");
  CHECK(search_folded("ｰ｡ﾞ") == "ー。゛");  // a mark after no letter stays a mark
  CHECK(search_folded("カﾞ") == "ガ");        // a full-width letter takes a half-width mark too
  CHECK(search_folded("\xFF\xFE" "A") == "\xFF\xFE" "a");  // bytes that are not UTF-8 are kept
}

TEST_CASE("text search: what an engagement and a vendor are found by", "[core][search]") {
  const Engagement e = sample();
  CHECK(search_for("").matches(e));
  CHECK(search_for("  \u3000 ").empty());
  CHECK(search_for("r7-c-0").matches(e));       // ref, without case
  CHECK(search_for("文書等保管").matches(e));     // title
  CHECK(search_for("総務").matches(e));           // department
  CHECK(search_for("nxワンビシ").matches(e));     // vendor name, full-width letters as typed in ASCII
  CHECK(search_for("ＮＸ").matches(e));
  CHECK(search_for("1065760").matches(e));       // 法人番号
  CHECK(search_for("森 直子").matches(e));        // responsible person
  CHECK(search_for(" 森\u3000直子 ").matches(e));  // spaces around it dropped, U+3000 as a space
  CHECK_FALSE(search_for("森直子").matches(e));   // but a substring is a substring
  CHECK_FALSE(search_for("市民課").matches(e));
  CHECK_FALSE(search_for("contractor").matches(e));  // the kind is a filter of its own, not a name

  Engagement channel;
  channel.ref = "CH-X-01";
  channel.kind = "social_media";
  channel.title = "ひかり野市公式X";
  channel.department = "秘書広報課";
  channel.section = {{"platform", "x"}, {"account", "@Hikarino_City"}, {"url", "https://x.com/hikarino_city"}};
  CHECK(search_for("@hikarino_c").matches(channel));
  CHECK(search_for("x.com/HIKARINO").matches(channel));
  // The same fields of another kind's section are not a channel's address.
  Engagement cloud = sample();
  cloud.kind = "cloud";
  cloud.section = {{"account", "secret-admin"}};
  CHECK_FALSE(search_for("secret-admin").matches(cloud));

  const Vendor vendor{"ＫＤＤＩ株式会社", std::string("9011101031552"), std::nullopt, {}};
  CHECK(search_for("kddi").matches(vendor));
  CHECK(search_for("9011101").matches(vendor));
  CHECK_FALSE(search_for("ソフトバンク").matches(vendor));
}

TEST_CASE("text search: over 200 characters or not UTF-8 is refused without quoting it", "[core][search]") {
  CHECK(TextSearch::parse(std::string(200, 'a'), "q"));
  std::string kanji;
  for (int i = 0; i < 200; ++i) kanji += "漢";
  CHECK(TextSearch::parse(kanji, "q"));  // characters, not bytes (600 bytes)

  const auto too_long = TextSearch::parse(std::string(201, 'a'), "q");
  REQUIRE_FALSE(too_long);
  CHECK(too_long.status().code() == ErrorCode::kInvalidArgument);
  CHECK(too_long.status().path() == "q");
  CHECK(too_long.status().message().find("201") != std::string::npos);
  CHECK(too_long.status().message().find("aaaa") == std::string::npos);

  const auto megabyte = TextSearch::parse(std::string(1 << 20, 'x'), "q");
  REQUIRE_FALSE(megabyte);
  CHECK(megabyte.status().message().size() < 300);

  const auto not_utf8 = TextSearch::parse("abc\xC3(", "q");
  REQUIRE_FALSE(not_utf8);
  CHECK(not_utf8.status().path() == "q");
  CHECK(not_utf8.status().message().find("UTF-8") != std::string::npos);
}
