#include "registry/party_writer.hpp"

#include <algorithm>

#include "registry/bulk_statements.hpp"
#include "registry/row_mapping.hpp"

namespace itaku::detail {
namespace {

// Vendors without 法人番号 are keyed by name; the prefixes keep the two kinds of key apart.
std::string vendor_key(const Vendor& vendor) {
  return vendor.corporate_number ? "#" + *vendor.corporate_number : "@" + vendor.name;
}

}  // namespace

std::vector<Certification> with_certifications(std::vector<Certification> base, const std::vector<Certification>& incoming) {
  for (const auto& certification : incoming) {
    auto same = std::find_if(base.begin(), base.end(), [&](const Certification& c) {
      return c.scheme == certification.scheme && c.number.value_or("") == certification.number.value_or("");
    });
    if (same != base.end()) {
      same->valid_until = certification.valid_until;
    } else {
      base.push_back(certification);
    }
  }
  return base;
}

std::optional<long long> PartyWriter::find_vendor(const Vendor& vendor) {
  const std::string key = vendor_key(vendor);
  if (auto cached = vendor_ids_.find(key); cached != vendor_ids_.end()) return cached->second;
  long long id = 0;
  VendorRow row;
  std::string country;
  soci::indicator country_indicator = soci::i_null;
  if (vendor.corporate_number) {
    sql_ << "SELECT id, name, country FROM vendors WHERE corporate_number = :n", soci::use(*vendor.corporate_number),
        soci::into(id), soci::into(row.name), soci::into(country, country_indicator);
  } else {
    sql_ << "SELECT id, name, country FROM vendors WHERE corporate_number IS NULL AND name = :n", soci::use(vendor.name),
        soci::into(id), soci::into(row.name), soci::into(country, country_indicator);
  }
  if (!sql_.got_data()) return std::nullopt;
  if (country_indicator == soci::i_ok) row.country = country;
  vendor_ids_[key] = id;
  vendor_rows_[id] = std::move(row);
  return id;
}

Vendor PartyWriter::stored_vendor(long long id) {
  Vendor vendor;
  soci::rowset<soci::row> rows =
      (sql_.prepare << "SELECT name, corporate_number, country FROM vendors WHERE id = :id", soci::use(id));
  for (const auto& row : rows) vendor = Vendor{row.get<std::string>(0), optional_text(row, 1), optional_text(row, 2), {}};
  vendor.certifications = stored_certifications(id, vendor.name);
  return vendor;
}

StoredVendor PartyWriter::stored_vendor_with_use(long long id) {
  StoredVendor stored;
  stored.id = id;
  stored.vendor = stored_vendor(id);
  long long engagements = 0;
  sql_ << "SELECT COUNT(*) FROM engagements WHERE vendor_id = :id", soci::use(id), soci::into(engagements);
  stored.engagements = static_cast<std::size_t>(engagements);
  return stored;
}

const std::vector<Certification>& PartyWriter::stored_certifications(long long vendor_id, const std::string& vendor_name) {
  if (auto cached = vendor_certifications_.find(vendor_id); cached != vendor_certifications_.end()) return cached->second;
  std::vector<Certification> stored;
  soci::rowset<soci::row> rows =
      (sql_.prepare << "SELECT scheme, number, valid_until FROM vendor_certifications WHERE vendor_id = :v ORDER BY id",
       soci::use(vendor_id));
  for (const auto& row : rows) stored.push_back(certification_from_row(row, 0, vendor_name));
  return vendor_certifications_[vendor_id] = std::move(stored);
}

std::vector<Certification> PartyWriter::merge_certifications(long long vendor_id, const Vendor& vendor) {
  return with_certifications(stored_certifications(vendor_id, vendor.name), vendor.certifications);
}

std::optional<VendorNameConflict> PartyWriter::keep_registered_name(long long vendor_id, Vendor& vendor) {
  const auto stored = vendor_rows_.find(vendor_id);
  if (stored == vendor_rows_.end()) return std::nullopt;
  if (!vendor.country) vendor.country = stored->second.country;
  if (stored->second.name == vendor.name || !vendor.corporate_number) return std::nullopt;
  VendorNameConflict conflict{*vendor.corporate_number, stored->second.name, vendor.name};
  vendor.name = stored->second.name;
  return conflict;
}

long long PartyWriter::write_vendor(std::optional<long long> id, const Vendor& vendor) {
  NullableText corporate_number(vendor.corporate_number);
  NullableText country(vendor.country);
  if (id) {
    auto stored = vendor_rows_.find(*id);
    if (stored == vendor_rows_.end() || stored->second.country != vendor.country) {
      sql_ << "UPDATE vendors SET country = :country WHERE id = :id", soci::use(country.value, country.indicator),
          soci::use(*id);
      if (stored != vendor_rows_.end()) stored->second.country = vendor.country;
    }
  } else {
    long long new_id = 0;
    sql_ << "INSERT INTO vendors (corporate_number, name, country) VALUES (:cn, :name, :country) RETURNING id",
        soci::use(corporate_number.value, corporate_number.indicator), soci::use(vendor.name),
        soci::use(country.value, country.indicator), soci::into(new_id);
    id = new_id;
    vendor_ids_[vendor_key(vendor)] = new_id;
    vendor_rows_[new_id] = VendorRow{vendor.name, vendor.country};
    vendor_certifications_[new_id] = {};
  }
  stored_certifications(*id, vendor.name);
  std::vector<Certification>& stored = vendor_certifications_[*id];
  for (const auto& certification : vendor.certifications) {
    const std::string number = certification.number.value_or("");
    const std::string valid_until = certification.valid_until.to_string();
    auto same = std::find_if(stored.begin(), stored.end(), [&](const Certification& c) {
      return c.scheme == certification.scheme && c.number.value_or("") == number;
    });
    const bool is_new = same == stored.end();
    if (!is_new && same->valid_until == certification.valid_until) continue;
    if (is_new) {
      stored.push_back(certification);
    } else {
      same->valid_until = certification.valid_until;
    }
    if (defer_certification_writes_) {
      CertificationWrite& pending = pending_certifications_[{*id, certification.scheme, number}];
      if (pending.order == 0) pending.order = pending_certifications_.size();
      pending.valid_until = valid_until;
      pending.is_new = pending.is_new || is_new;
    } else if (is_new) {
      sql_ << "INSERT INTO vendor_certifications (vendor_id, scheme, number, valid_until) VALUES (:v, :s, :n, :until)",
          soci::use(*id), soci::use(certification.scheme), soci::use(number), soci::use(valid_until);
    } else {
      sql_ << "UPDATE vendor_certifications SET valid_until = :until WHERE vendor_id = :v AND scheme = :s AND number = :n",
          soci::use(valid_until), soci::use(*id), soci::use(certification.scheme), soci::use(number);
    }
  }
  return *id;
}

void PartyWriter::rename_vendor(long long id, const std::string& name) {
  sql_ << "UPDATE vendors SET name = :name WHERE id = :id", soci::use(name), soci::use(id);
  vendor_rows_[id].name = name;
}

void PartyWriter::flush_certifications() {
  // Inserted in the order first seen: a vendor's certifications are read back in row order.
  std::map<std::size_t, CertificationRow> inserts_in_order;
  std::vector<CertificationRow> updates;
  for (const auto& [key, write] : pending_certifications_) {
    CertificationRow row{std::get<0>(key), std::get<1>(key), std::get<2>(key), write.valid_until};
    if (write.is_new) {
      inserts_in_order.emplace(write.order, std::move(row));
    } else {
      updates.push_back(std::move(row));
    }
  }
  pending_certifications_.clear();
  std::vector<CertificationRow> inserts;
  for (auto& entry : inserts_in_order) inserts.push_back(std::move(entry.second));
  write_certifications_in_bulk(sql_, inserts, updates);
}

std::optional<PartyWriter::PersonRow> PartyWriter::person_row(const Person& person) {
  const auto key = std::make_pair(person.name, person.department);
  if (auto cached = person_rows_.find(key); cached != person_rows_.end()) return cached->second;
  PersonRow row;
  std::string email;
  soci::indicator email_indicator = soci::i_null;
  int active = 1;
  sql_ << "SELECT id, email, active FROM persons WHERE name = :name AND department = :department", soci::use(person.name),
      soci::use(person.department), soci::into(row.id), soci::into(email, email_indicator), soci::into(active);
  if (!sql_.got_data()) return std::nullopt;
  if (email_indicator == soci::i_ok) row.email = email;
  row.active = active != 0;
  person_rows_[key] = row;
  return row;
}

void PartyWriter::complete_from_stored(Person& person) {
  const auto row = person_row(person);
  if (!person.email && row) person.email = row->email;
  if (!person.active) person.active = row ? row->active : true;
}

long long PartyWriter::write_person(const Person& person) {
  auto row = person_row(person);
  NullableText email(person.email);
  const bool is_active = person.is_active();
  const int active = is_active ? 1 : 0;
  const auto key = std::make_pair(person.name, person.department);
  if (row) {
    // Persons are shared: a record that gives no e-mail address does not erase a known one.
    const std::optional<std::string> new_email = person.email ? person.email : row->email;
    if (new_email != row->email || is_active != row->active) {
      sql_ << "UPDATE persons SET email = COALESCE(:email, email), active = :active WHERE id = :id",
          soci::use(email.value, email.indicator), soci::use(active), soci::use(row->id);
      person_rows_[key] = PersonRow{row->id, new_email, is_active};
    }
    return row->id;
  }
  long long id = 0;
  sql_ << "INSERT INTO persons (name, department, email, active) VALUES (:name, :department, :email, :active) RETURNING id",
      soci::use(person.name), soci::use(person.department), soci::use(email.value, email.indicator), soci::use(active),
      soci::into(id);
  person_rows_[key] = PersonRow{id, person.email, is_active};
  return id;
}

}  // namespace itaku::detail
