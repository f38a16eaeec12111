// Addresses of social-media channels reduced to lookup keys, so that a URL or @handle a resident
// pastes into GET /api/v1/verify finds the registered official channel however it was written
// (http or https, www./m./mobile. hosts, twitter.com or x.com, trailing slash, tracking query), while
// addresses of two different accounts never reduce to the same key. Impersonators register
// look-alike accounts; a loose match would vouch for them, so every rule here only merges
// spellings that the platform itself treats as the same page.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itaku/error.hpp"

namespace itaku {

// Every key a registered channel is found by: the canonical URL key of `url` (only when its host
// is the platform's: x.com for x, facebook.com, instagram.com, lin.ee/line.me/page.line.me for
// line, youtube.com, tiktok.com, threads.net, bsky.app, note.com; any host for "other"), the
// page of the account that URL belongs to (channel_account), then "@" + the
// lower-cased handle of `account`, duplicates removed. For ("x", "@CityJoyoPR",
// "https://twitter.com/cityjoyoPR/") that is {"x.com/cityjoyopr", "@cityjoyopr"}.
// `platform` is a value of social_media.platform (x, facebook, instagram, line, youtube, tiktok,
// threads, bluesky, note, other). A `url` that channel_query_key rejects gives no URL key, and an
// `account` that is not a handle (letters, digits, '.', '_', '-', optionally after '@') gives no
// handle key; neither is an error, because a record is validated against its schema elsewhere.
// No handle key for platform "other" or an unknown one (nothing says the account is a handle
// there), nor for a YouTube channel known only by a channel id or a legacy name: the account must
// be written as "@handle" or the url must be the youtube.com/@handle page, since YouTube handles
// are a namespace of their own and "@" + a legacy name may belong to somebody else.
// Handle keys carry no platform: the same handle on two platforms gives the same key, so a match
// on a handle key alone says only that some official channel uses that handle somewhere.
std::vector<std::string> channel_keys(const std::string& platform, const std::string& account, const std::string& url);

// The key a pasted query is looked up by. Surrounding spaces (ASCII, no-break, ideographic) are
// ignored. "@handle" (or full-width "＠handle") gives "@" + the handle lower-cased. Anything else
// must be an http(s) URL, with or without its scheme, and gives its canonical URL key:
// - scheme dropped; host lower-cased, a trailing dot and "www.", "m.", "mobile." prefixes dropped;
//   twitter.com becomes x.com, fb.com facebook.com, threads.com threads.net; youtu.be stays
//   (its links are videos, not channels); internationalised hosts kept as given, ASCII lower-cased;
// - port dropped when it is the scheme's default (80 or 443 when no scheme was given);
// - in the path, '\' read as '/' (as browsers do), percent-escapes of printable ASCII other than
//   '/', '?', '#', '%' decoded, every other escape and every non-ASCII byte written as an
//   upper-case %XX escape, "." and ".." segments resolved, trailing slashes dropped;
// - the path lower-cased where the platform ignores case: x.com, instagram.com, tiktok.com (not
//   its /t/ short links), threads.net, facebook.com, note.com, youtube.com /@handle, /c/ and
//   /user/ pages, the handle of bsky.app/profile/<handle>; kept as written elsewhere, notably
//   youtube.com/channel/UC... ids, lin.ee and page.line.me links and unknown hosts;
// - x.com/@name and instagram.com/@name become x.com/name and instagram.com/name, tiktok.com/name
//   becomes tiktok.com/@name; an old twitter.com/#!/name link becomes x.com/name;
// - query and fragment dropped, except the id of facebook.com/profile.php?id=N and the video of
//   youtube.com/watch?v=ID, which are what those addresses name.
// Fails with kInvalidArgument and a message saying what is wrong for an empty query, one with
// spaces or control characters inside, one over 2048 bytes, a scheme other than http(s) (such as
// javascript:), a URL without a host or with user info before the host (x.com@evil.example hides
// its real host; a full-width '＠' counts as '@'), a host with characters no host has, a bad port, a bare word that is neither a
// host nor an @handle, and "@" without a valid handle.
Result<std::string> channel_query_key(std::string_view query);

// The account an address belongs to, read from its key (channel_query_key): a profile page, a
// post or a tab of it, a share or "add friend" link. For "x.com/cityjoyopr/status/1" that is
// {"x", "cityjoyopr", "x.com/cityjoyopr"}; for "line.me/R/ti/p/@otakecity" {"line", "otakecity", ""}
// (LINE has no profile page to key on). Forms recognised, per platform (README "Public verify"):
// - x: x.com/NAME[/…] (not x.com/i/…, /intent/…, /search … ), x.com/intent/user?screen_name=NAME;
// - facebook: facebook.com/NAME[/posts/…, /photos/…, …] (not /groups/, /events/, /profile.php …);
// - instagram: instagram.com/NAME[/…], instagram.com/stories/NAME/… (not /p/, /reel/ posts);
// - youtube: youtube.com/@NAME[/videos …]; the tabs of youtube.com/channel/ID, /c/NAME and
//   /user/NAME are their page (with no handle: those names are not YouTube handles);
// - tiktok: tiktok.com/@NAME[/video/…]; threads: threads.net/@NAME[/post/…];
// - bluesky: bsky.app/profile/HANDLE[/post/…]; note: note.com/NAME[/n/…];
// - line: line.me/R/ti/p/@ID, line.me/ti/p/@ID, page.line.me/ID.
// nullopt for every other key, including handles (which name no platform).
struct ChannelAccount {
  std::string platform;     // a social_media.platform word
  std::string handle;       // lower-cased, without '@'; "" where the address names none
  std::string profile_key;  // the key of the account's own page; "" where it has none (LINE)
};
std::optional<ChannelAccount> channel_account(std::string_view key);

// What a pasted query's key (channel_query_key) is looked up by: the key (any channel answering to it), and, when the
// address belongs to an account (channel_account), that account's page and "@" + handle, each
// only for channels of that platform: x.com/cityjoyopr/status/1 finds the X channel @cityjoyopr,
// never an Instagram account of the same name.
struct ChannelLookupKey {
  std::string key;
  std::string platform;  // "" for any platform
};
std::vector<ChannelLookupKey> channel_lookup_keys(const std::string& key);

}  // namespace itaku
