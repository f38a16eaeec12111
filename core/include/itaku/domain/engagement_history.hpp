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

// Where `given` drops or alters a stored verification: the (0-based) positions of the stored
// verifications that are not, unchanged, at the same place in `given`. A void in `given` may be
// left out; one that differs from the stored void counts as a change.
std::vector<std::size_t> rewritten_verifications(const std::vector<Verification>& stored,
                                                 const std::vector<Verification>& given);

// The stored record (engagement_to_json form) with the fields of `incoming` written over it:
// objects merge field by field, any other value (a list included) is replaced, and a field
// `incoming` leaves out keeps its stored value. The vendor and the responsible person are
// merged only when `incoming` names the same one (same 法人番号, else same name; same name and
// department); another one replaces them whole, so nothing of the old one sticks to the new.
nlohmann::json with_absent_fields_kept(const nlohmann::json& stored, const nlohmann::json& incoming);

}  // namespace itaku
