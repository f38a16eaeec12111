#include <algorithm>

#include "itaku/domain/review_result.hpp"

namespace itaku {

ReviewedVendor reviewed_vendor(const Vendor& vendor, Date as_of) {
  ReviewedVendor reviewed{vendor.name, vendor.corporate_number, {}};
  const Date notice_until = as_of.add_days(kCertificateNoticeDays);
  for (const Certification& certification : vendor.certifications) {
    if (certification.valid_until >= as_of && certification.valid_until <= notice_until &&
        !vendor.renewed(certification)) {
      reviewed.expiring.push_back(certification);
    }
  }
  std::stable_sort(reviewed.expiring.begin(), reviewed.expiring.end(),
                   [](const Certification& a, const Certification& b) { return a.valid_until < b.valid_until; });
  return reviewed;
}

}  // namespace itaku
