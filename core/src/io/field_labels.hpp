// The Japanese names of the engagement record's fields, for people reading a register workbook:
// its header cells say "事業者 法人番号 (vendor.corporate_number)" and "確認1 日付
// (verifications.0.date)", the label first and the dotted path, which a reader goes by, last.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace itaku::detail {

// "件名" for {"title"}, "事業者 法人番号" for {"vendor", "corporate_number"}, "確認1 日付" for
// {"verifications", "0", "date"} (array elements numbered from 1, as people count). nullopt when
// any part of the path has no label: the fields of a plugin's section.
std::optional<std::string> field_label(const std::vector<std::string>& path);

// The header cell of the field at `path`: "件名 (title)", or the dotted path alone when the
// field has no label ("cloud.data_location").
std::string labelled_header(const std::vector<std::string>& path);

}  // namespace itaku::detail
