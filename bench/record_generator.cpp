#include "record_generator.hpp"

#include <random>
#include <string>

#include <nlohmann/json.hpp>

namespace itaku::bench {
namespace {

using nlohmann::json;

const char* const kDepartments[] = {"市民課", "税務課", "情報政策課", "子育て支援課", "秘書広報課", "危機管理課", "保険年金課"};
const char* const kTitles[] = {"住民情報システム運用保守業務委託", "窓口受付業務委託", "電子申請サービス利用",
                               "市公式Xアカウント運用", "税務システム保守委託", "防災情報配信サービス"};
// Valid 法人番号 (check digit verified), used round-robin: contractors and cloud providers are
// different companies, and one 法人番号 always names one company (the registry keeps one vendor
// row per number, so a number shared by two names would rename that row on every record).
const char* const kContractorNumbers[] = {"4011001098993", "7000012050002", "9000020011002", "1010001267743"};
const char* const kCloudProviderNumbers[] = {"2011001012345", "2020001077777", "7180001099999", "1010401088888"};

std::string date(int year, int month, int day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

json base_record(std::size_t index, const char* kind, std::mt19937& random) {
  std::uniform_int_distribution<int> pick(0, 1000);
  const int confidentiality = 1 + pick(random) % 3;
  json record = {{"ref", "BENCH-" + std::to_string(index)},
                 {"kind", kind},
                 {"title", kTitles[index % 6]},
                 {"department", kDepartments[index % 7]},
                 {"responsible_person", {{"name", "担当 太郎"}, {"department", kDepartments[index % 7]},
                                         {"email", "taro.tanto@city.example.lg.jp"}}},
                 {"information", {{"confidentiality", confidentiality}, {"integrity", 1 + pick(random) % 2},
                                  {"availability", 1 + pick(random) % 2}, {"personal_data", pick(random) % 2 == 0}}},
                 {"network_zone", confidentiality == 3 ? "mynumber" : "lgwan"},
                 {"period", {{"start", date(2024, 1 + pick(random) % 12, 1 + pick(random) % 28)}, {"end", "2027-03-31"}}},
                 {"verifications", json::array({{{"date", date(2024, 1 + pick(random) % 12, 1 + pick(random) % 28)},
                                                 {"result", pick(random) % 10 == 0 ? "fail" : "pass"},
                                                 {"verifier", "情報政策課 セキュリティ担当"}},
                                                {{"date", date(2025, 1 + pick(random) % 5, 1 + pick(random) % 28)},
                                                 {"result", "pass"}, {"verifier", "情報政策課 セキュリティ担当"}}})}};
  return record;
}

json contractor(std::size_t index, std::mt19937& random) {
  json record = base_record(index, "contractor", random);
  json clauses = json::array();
  for (int id = 2; id <= 14; ++id) {
    if (random() % 8 != 0) clauses.push_back(id < 10 ? "OUT-0" + std::to_string(id) : "OUT-" + std::to_string(id));
  }
  record["clauses"] = clauses;
  record["vendor"] = {{"name", "株式会社ベンチマーク情報サービス"},
                      {"corporate_number", kContractorNumbers[index % 4]},
                      {"country", "JP"},
                      {"certifications", json::array({{{"scheme", random() % 2 ? "ISMS" : "PMARK"},
                                                        {"number", "IS 654321"},
                                                        {"valid_until", date(2025 + random() % 3, 3, 31)}}})}};
  record["subcontracting"] = {{"used", random() % 3 == 0}, {"approved", random() % 2 == 0}, {"flow_down", true}};
  record["contractor"] = {{"it_system", true}, {"supply_chain_disclosed", random() % 2 == 0}};
  return record;
}

json cloud(std::size_t index, std::mt19937& random) {
  json record = base_record(index, "cloud", random);
  record["vendor"] = {{"name", "例示クラウド株式会社"},
                      {"corporate_number", kCloudProviderNumbers[index % 4]},
                      {"certifications", json::array({{{"scheme", "ISMAP"}, {"valid_until", "2026-12-31"}},
                                                      {{"scheme", "ISO27017"}, {"valid_until", "2026-12-31"}}})}};
  record["cloud"] = {{"service_name", "例示電子申請サービス"},
                     {"terms_based", random() % 5 == 0},
                     {"data_locations", random() % 4 == 0 ? json::array({"JP", "US"}) : json::array({"JP"})},
                     {"governing_law", "JP"},
                     {"jurisdiction", "JP"},
                     {"exit_plan", true},
                     {"data_deletion_on_exit", random() % 2 == 0},
                     {"use_approved", true},
                     {"service_manager", {{"name", "管理 花子"}, {"department", "情報政策課"}}},
                     {"subprocessors_disclosed", random() % 2 == 0}};
  return record;
}

json social_media(std::size_t index, std::mt19937& random) {
  json record = base_record(index, "social_media", random);
  record["information"]["confidentiality"] = 1;
  record["information"]["personal_data"] = false;
  record["network_zone"] = "internet";
  record["social_media"] = {{"platform", "x"},
                            {"account", "@example_city_" + std::to_string(index % 100)},
                            {"url", "https://x.com/example_city_" + std::to_string(index % 100)},
                            {"official_site_listing_url", "https://www.city.example.lg.jp/sns/"},
                            {"profile_names_operator", true},
                            {"operating_procedure", random() % 6 != 0},
                            {"mfa", random() % 3 != 0},
                            {"credential_custodian", {{"name", "広報 次郎"}, {"department", "秘書広報課"}}},
                            {"takeover_procedure", random() % 2 == 0},
                            {"availability2_mirrored", true},
                            {"shutdown_plan", random() % 2 == 0}};
  return record;
}

}  // namespace

std::size_t write_synthetic_records(std::ostream& out, std::size_t count, unsigned seed) {
  std::mt19937 random(seed);
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < count; ++i) {
    // Half contracts, three in ten cloud services, two in ten channels: a city register's mix.
    const std::size_t slot = i % 10;
    const json record = slot < 5 ? contractor(i, random) : slot < 8 ? cloud(i, random) : social_media(i, random);
    const std::string line = record.dump();
    out << line << '\n';
    bytes += line.size() + 1;
  }
  return bytes;
}

}  // namespace itaku::bench
