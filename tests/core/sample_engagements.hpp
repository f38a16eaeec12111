// Records for core tests: a compliant baseline per kind that each test breaks in one place.
#pragma once

#include <nlohmann/json.hpp>

#include "itaku/domain/engagement.hpp"

namespace itaku::test {

inline Engagement baseline_engagement() {
  Engagement e;
  e.ref = "T-001";
  e.kind = "contractor";
  e.title = "窓口受付業務委託";
  e.department = "市民課";
  e.responsible_person = Person{"上野 太郎", "市民課", std::nullopt, true};
  e.information = {1, 1, 1, false, false};
  e.period.start = Date::from_ymd(2025, 4, 1);
  return e;
}

inline Verification verification_on(int y, int m, int d, VerificationResult result = VerificationResult::kPass) {
  return Verification{Date::from_ymd(y, m, d), result, std::nullopt, std::nullopt, std::nullopt};
}

// docs/review.md section 4, EX-001, verbatim.
inline nlohmann::json worked_example_ex001() {
  return nlohmann::json::parse(R"json({"ref": "EX-001", "kind": "contractor", "title": "窓口受付業務委託", "department": "市民課",
 "responsible_person": {"name": "上野 太郎", "department": "市民課"},
 "vendor": {"name": "株式会社例示サービス", "corporate_number": "4011001098993", "country": "JP",
            "certifications": [{"scheme": "PMARK", "number": "10861234(03)", "valid_until": "2026-01-31"}]},
 "information": {"confidentiality": 2, "integrity": 2, "availability": 1, "personal_data": true},
 "network_zone": "lgwan", "period": {"start": "2024-04-01", "end": "2027-03-31"},
 "clauses": ["OUT-02", "OUT-03", "OUT-04", "OUT-05", "OUT-06", "OUT-07", "OUT-08", "OUT-10", "OUT-11", "OUT-12", "OUT-14"],
 "subcontracting": {"used": true, "approved": true, "flow_down": true},
 "verifications": [{"date": "2024-03-25", "result": "pass", "verifier": "情報推進担当"}]})json");
}

// docs/review.md section 4, EX-002, verbatim.
inline nlohmann::json worked_example_ex002() {
  return nlohmann::json::parse(R"json({"ref": "EX-002", "kind": "social_media", "title": "市公式YouTubeチャンネル", "department": "秘書広報課",
 "information": {"confidentiality": 1, "integrity": 1, "availability": 2},
 "network_zone": "internet", "period": {"start": "2024-07-01"},
 "social_media": {"platform": "youtube", "account": "@example-city", "url": "https://www.youtube.com/@example-city",
                  "official_site_listing_url": "https://www.city.example.lg.jp/sns/", "profile_names_operator": true,
                  "operating_procedure": true, "mfa": true, "takeover_procedure": false, "shutdown_plan": true}})json");
}

}  // namespace itaku::test
