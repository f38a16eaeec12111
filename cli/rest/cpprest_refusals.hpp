// cpprestsdk answers some requests itself, before any handler sees them: a request line it
// cannot parse, a URI with a raw non-ASCII byte (an unencoded `?department=秘書広報課`), a
// malformed header line; and 404 while the listener closes. It answers in plain text ("provided
// uri is invalid"). Those answers are given the API's JSON error shape here.
#pragma once

namespace itaku::rest {

// Every answer passes through cpprestsdk's server object, which a program may replace: installs
// one that forwards everything to cpprestsdk's own and rewrites the answers that did not come from
// the Listener (which marks its own) as {code, message, path}. Call before the first listener
// opens; does nothing while one is open.
void answer_cpprest_refusals_as_json();

// The header every answer of the Listener carries, by which its answers are told from
// cpprestsdk's.
inline constexpr const char* kOwnAnswerHeader = "X-Content-Type-Options";

}  // namespace itaku::rest
