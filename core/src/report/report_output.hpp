// Moving a writer's text buffer to its output stream, and the end-of-report check that turns
// a failed stream into the itaku::Error that ReportSink::finish promises.
#pragma once

#include <ostream>
#include <string>

namespace itaku::detail {

// Writes `buffer` to `out` and clears it (the capacity stays, so the next record reuses it).
inline void drain(std::string& buffer, std::ostream& out) {
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  buffer.clear();
}

// Flushes `out`; throws itaku::Error (kUnavailable) if anything written to it failed.
void finish_output(std::ostream& out);

}  // namespace itaku::detail
