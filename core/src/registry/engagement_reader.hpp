// Reading engagements with their clauses, verifications (and voids), clause evidence and vendor
// certifications: one query for the engagements, then one per kind of child for the whole page.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "itaku/registry/registry.hpp"
#include "registry/row_mapping.hpp"
#include "registry/sql_dialect.hpp"

namespace itaku::detail {

// Which engagements a query covers: one ref, or the refs after `after`, optionally restricted by
// kind and department. Rendered as SQL with named placeholders only.
struct Selection {
  std::optional<std::string> ref;
  std::optional<std::string> after;
  EngagementFilter filter;

  std::string where() const;
  // Binds the placeholders where() produced.
  void bind(soci::details::prepare_temp_type& statement) const;
};

// Engagements of `selection` (at most `limit`; 0: all), ordered by ref, with their children.
std::vector<LoadedEngagement> load_engagements(soci::session& sql, const SqlDialect& dialect, const Selection& selection,
                                               int limit = 0);

// At most `limit` vendors with ids above `after_id`, in id order, with their certifications.
std::vector<StoredVendor> load_vendors_page(soci::session& sql, const SqlDialect& dialect, long long after_id,
                                            std::size_t limit);

}  // namespace itaku::detail
