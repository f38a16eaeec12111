// How a write meets what is stored (README "History is append-only" and "Import is the truth for
// the fields a record carries"): verifications and clause evidence are only ever appended, and an
// import keeps what its record leaves out.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "itaku/domain/engagement.hpp"

namespace itaku {

// The verifications of `incoming` that are not already among `stored` (each stored one matches at
// most one incoming one, its void aside), in incoming order: what a write appends.
std::vector<Verification> new_verifications(const std::vector<Verification>& stored,
                                            const std::vector<Verification>& incoming);
// The same for clause evidence.
std::vector<ClauseEvidence> new_clause_evidence(const std::vector<ClauseEvidence>& stored,
                                                const std::vector<ClauseEvidence>& incoming);

// Where `given` does not keep the stored verifications first and unchanged (a void in `given`
// may be left out; one that differs from the stored void is a change): the (0-based) positions
// of the stored verifications `given` leaves out or alters; when it lists them all but elsewhere
// or in another order, the first position where they part. Empty when `given` keeps them.
std::vector<std::size_t> rewritten_verifications(const std::vector<Verification>& stored,
                                                 const std::vector<Verification>& given);

// The stored record (engagement_to_json form) with the fields of `incoming` written over it:
// objects merge field by field, any other value (a list included) is replaced, and a field
// `incoming` leaves out keeps its stored value. The vendor and the responsible person are
// merged only when `incoming` names the same one (same 法人番号, else same name; same name and
// department); another one replaces them whole, so nothing of the old one sticks to the new.
nlohmann::json with_absent_fields_kept(const nlohmann::json& stored, const nlohmann::json& incoming);

// The stored record with a JSON Merge Patch (RFC 7396) applied, and the same care for the vendor
// and the responsible person: a patch that names another one (its 法人番号 or name; its name or
// department) gives that one alone, so the old one's certifications, country, e-mail address or
// inactive state do not stick to it. A person moved to another department keeps the name the
// patch does not change.
nlohmann::json merge_patched(const nlohmann::json& stored, const nlohmann::json& patch);

}  // namespace itaku
