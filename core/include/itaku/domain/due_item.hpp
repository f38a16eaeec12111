// One line of the monthly work list (期限一覧, `itaku due`, GET /api/v1/due).
#pragma once

#include <string>

#include "itaku/domain/date.hpp"

namespace itaku {

struct DueItem {
  enum class What { kVerification, kCertification };
  What what = What::kVerification;
  Date date;              // when it is (or was) due, or when the certification expires
  std::string ref;        // the engagement (for a certification: one engagement of that vendor)
  std::string title;
  std::string department;
  std::string detail;     // the verification status, or the certificate: "ISMS IS 123456 (株式会社…)"
  // A verification's status name ("overdue", "failed", "due_soon", …); for a certification
  // "expired" (valid_until before as_of) or "expiring".
  std::string status;
  long days = 0;  // `date` minus as_of: negative when it lies in the past
};

}  // namespace itaku
