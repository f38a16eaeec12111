// Vendors and responsible persons as one write transaction reads and writes them. Both are shared
// by engagements: a vendor is found by 法人番号 (else by name), a person by name and department,
// and each is read once per transaction and then served from here. That holds because every
// writer holds the audit trail's lock from BEGIN to COMMIT (core/src/registry/UNIT_OF_WORK.md):
// no other writer changes these rows while the transaction is open, whatever the isolation level.
// One PartyWriter lives exactly as long as its transaction (UnitOfWork owns it).
#pragma once

#include <soci/soci.h>

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "itaku/domain/engagement.hpp"
#include "itaku/registry/registry.hpp"

namespace itaku::detail {

// A vendor's certifications after `incoming` are written over `base` as PartyWriter writes them:
// one per scheme and number, the last valid_until given winning (a renewal), in first-seen order.
// What an upsert reports (and audits) is what is stored, also for a list naming one twice.
std::vector<Certification> with_certifications(std::vector<Certification> base, const std::vector<Certification>& incoming);

class PartyWriter {
 public:
  explicit PartyWriter(soci::session& sql) : sql_(sql) {}

  // --- vendors ---
  // The row id of the registered vendor `vendor` names (by 法人番号, else by name), if any.
  std::optional<long long> find_vendor(const Vendor& vendor);
  // The registered vendor with its certifications.
  Vendor stored_vendor(long long id);
  // The same with its row id and the number of engagements naming it.
  StoredVendor stored_vendor_with_use(long long id);
  // The vendor's stored certifications with the record's merged in (with_certifications).
  std::vector<Certification> merge_certifications(long long vendor_id, const Vendor& vendor);
  // A vendor found by 法人番号 keeps the name it was registered with: `vendor` takes it, and the
  // conflict is returned when the record gave another one. A record that gives no country leaves
  // the stored one.
  std::optional<VendorNameConflict> keep_registered_name(long long vendor_id, Vendor& vendor);
  // Writes a new vendor, or the country and certifications of a registered one; never its name.
  long long write_vendor(std::optional<long long> id, const Vendor& vendor);
  // The one way a registered name changes (Registry::rename_vendor).
  void rename_vendor(long long id, const std::string& name);

  // While deferred, certification writes collect here and flush_certifications() writes them
  // set-based: an import renews one vendor's certificate many times.
  void defer_certification_writes(bool defer) { defer_certification_writes_ = defer; }
  void flush_certifications();

  // --- persons ---
  // What a record leaves out of a shared person is what is stored: a known e-mail address, and
  // whether the person is active (an import must not re-activate a deactivated person). A new
  // person is active unless the record says otherwise.
  void complete_from_stored(Person& person);
  // Inserts the person, or updates a registered one's e-mail address and active flag.
  long long write_person(const Person& person);
  // After a statement changed persons behind this cache (set_person_active).
  void forget_persons() { person_rows_.clear(); }

 private:
  struct VendorRow {
    std::string name;
    std::optional<std::string> country;
  };
  struct PersonRow {
    long long id = 0;
    std::optional<std::string> email;
    bool active = true;
  };
  struct CertificationWrite {
    std::string valid_until;
    bool is_new = false;
    std::size_t order = 0;  // 1 for the first certification written in the batch, 2 for the next ...
  };

  const std::vector<Certification>& stored_certifications(long long vendor_id, const std::string& vendor_name);
  std::optional<PersonRow> person_row(const Person& person);

  soci::session& sql_;
  std::map<std::string, long long> vendor_ids_;  // by vendor key: "#" 法人番号 or "@" name
  std::map<long long, VendorRow> vendor_rows_;
  std::map<long long, std::vector<Certification>> vendor_certifications_;
  std::map<std::pair<std::string, std::string>, PersonRow> person_rows_;  // by name and department
  bool defer_certification_writes_ = false;
  std::map<std::tuple<long long, std::string, std::string>, CertificationWrite> pending_certifications_;
};

}  // namespace itaku::detail
