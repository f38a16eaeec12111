// The work list for people: each item on one line, whatever its title holds.
#include <catch2/catch.hpp>

#include "itaku/report/due_list.hpp"

using itaku::on_one_line;

TEST_CASE("due list: line breaks show as ⏎, controls and direction overrides as spaces", "[report][due]") {
  CHECK(on_one_line("窓口\n業務\r\n本庁舎\r二期\u2028三期\u2029四期\u0085五期") == "窓口⏎業務⏎本庁舎⏎二期⏎三期⏎四期⏎五期");
  CHECK(on_one_line("a\tb\x01" "c\x7f" "d") == "a b c d");
  // U+202E would show the rest of the line reversed; U+2066..U+2069 isolate it.
  CHECK(on_one_line("abc\u202Edef\u2066g\u2069") == "abc def g ");
  CHECK(on_one_line("普通の件名") == "普通の件名");
}
