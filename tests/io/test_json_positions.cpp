// Where a field of a .json document is, as an editor shows it: what an error message names.
#include <catch2/catch.hpp>

#include "io/json_positions.hpp"

using itaku::detail::place_of_pointer;
using itaku::detail::top_level_places;

TEST_CASE("json positions: each record's start, and the line and column of a field", "[io][json]") {
  const std::string text =
      "[\n"
      "  {\"ref\": \"A\", \"title\": \"窓口\", \"n\": 1,\n"
      "   \"period\": {\"start\": \"2026/04/01\"}},\n"
      "  {\"ref\": \"B\", \"clauses\": [\"OUT-02\",\n"
      "      \"out-09\"], \"a~b/c\": 1}\n"
      "]\n";
  const auto places = top_level_places(text);
  REQUIRE(places.size() == 2);
  CHECK(places[0].line == 2);
  CHECK(places[0].column == 3);
  CHECK(places[1].line == 4);
  auto at = [&](std::size_t record, const std::string& pointer) {
    const auto place = place_of_pointer(text, places[record], pointer);
    REQUIRE(place);
    return std::to_string(place->line) + ":" + std::to_string(place->column);
  };
  CHECK(at(0, "/period/start") == "3:24");
  CHECK(at(0, "/title") == "2:25");
  CHECK(at(0, "/n") == "2:36");  // columns count characters (窓口 is two), not bytes
  CHECK(at(1, "/clauses/1") == "5:7");  // the second element, on the next line
  CHECK(at(1, "/a~0b~1c") == "5:27");   // an escaped pointer segment
  // Absent: the nearest enclosing value that is there (a required field missing).
  CHECK(at(0, "/period/end") == "3:14");
  CHECK(at(0, "/vendor") == "2:3");
  CHECK(at(1, "/clauses/7") == "4:27");
  // A single object is one record; text that is not JSON never leads outside it.
  CHECK(top_level_places("  {\"ref\": 1}").front().column == 3);
  CHECK(top_level_places("").empty());
  CHECK(place_of_pointer("[{\"a\": [1, {\"b\"", top_level_places("[{\"a\": [1, {\"b\"").front(), "/a/1/b"));
}
