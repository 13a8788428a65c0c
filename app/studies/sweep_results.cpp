// Sweep outputs: JSONL rows, CSV, group summaries.
#include "app/studies/sweep_results.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <ostream>

namespace app::studies {

namespace {

std::string csv_cell(const nlohmann::json& v) {
  std::string s = v.is_string() ? v.get<std::string>() : v.dump();
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string num(double x) { return nlohmann::json(x).dump(); }

// Nearest-rank percentile on sorted values.
double percentile(const std::vector<double>& sorted, double p) {
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

MetricSummary describe(std::vector<double> xs) {
  MetricSummary s;
  if (xs.empty()) return s;
  std::sort(xs.begin(), xs.end());
  double sum = 0;
  for (double x : xs) sum += x;
  const double n = static_cast<double>(xs.size());
  s.mean = sum / n;
  s.p50 = percentile(xs, 0.50);
  s.p95 = percentile(xs, 0.95);
  s.max = xs.back();
  if (xs.size() > 1) {
    double ss = 0;
    for (double x : xs) ss += (x - s.mean) * (x - s.mean);
    s.ci95 = student_t95(xs.size() - 1) * std::sqrt(ss / (n - 1)) / std::sqrt(n);
  }
  return s;
}

}  // namespace

double student_t95(std::size_t dof) {
  static constexpr double table[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365,
                                     2.306, 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                                     2.120, 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069,
                                     2.064, 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (dof == 0) return 0;
  if (dof <= 30) return table[dof];
  // Cornish-Fisher expansion around z = 1.959964; error < 1e-3 beyond 30 degrees of freedom.
  const double z = 1.959964, d = static_cast<double>(dof);
  return z + (z * z * z + z) / (4 * d) +
         (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * d * d);
}

namespace {

std::optional<double> read_optional(const nlohmann::ordered_json& v) {
  if (v.is_null()) return std::nullopt;
  return v.get<double>();
}

MigrationRow migration_from_json(const nlohmann::ordered_json& o) {
  MigrationRow m;
  m.lpar = o.at("lpar").get<std::string>();
  m.source = o.at("source").get<std::string>();
  m.destination = o.at("destination").get<std::string>();
  m.outcome = o.at("outcome").get<std::string>();
  m.total_s = read_optional(o.at("total_s"));
  m.blackout_s = read_optional(o.at("blackout_s"));
  m.bytes_sent = o.at("bytes_sent").get<double>();
  m.passes = o.at("passes").get<int>();
  return m;
}

}  // namespace

// Written field by field rather than as an nlohmann object (a quarter of the instructions of a
// sweep's main thread went to building and freeing those objects); every value still goes
// through nlohmann's serializer, so the bytes are the same as the object's dump().
namespace {

void append_key(std::string& out, const char* key) { ((out += '"') += key) += "\":"; }

template <class T>
void append_value(std::string& out, const T& value) {
  out += nlohmann::json(value).dump();
}

void append_optional(std::string& out, const std::optional<double>& x) {
  if (x) append_value(out, *x);
  else out += "null";
}

void append_migration(std::string& out, const MigrationRow& m) {
  append_key(out += '{', "lpar");
  append_value(out, m.lpar);
  append_key(out += ',', "source");
  append_value(out, m.source);
  append_key(out += ',', "destination");
  append_value(out, m.destination);
  append_key(out += ',', "outcome");
  append_value(out, m.outcome);
  append_key(out += ',', "total_s");
  append_optional(out, m.total_s);
  append_key(out += ',', "blackout_s");
  append_optional(out, m.blackout_s);
  append_key(out += ',', "bytes_sent");
  append_value(out, m.bytes_sent);
  append_key(out += ',', "passes");
  out += std::to_string(m.passes);
  out += '}';
}

}  // namespace

std::string to_jsonl_row(const VariantResult& r, const std::vector<std::string>& names,
                         bool per_migration) {
  std::string out;
  out.reserve(256);
  append_key(out += '{', "variant");
  out += std::to_string(r.index);
  append_key(out += ',', "params");
  out += '{';
  for (std::size_t i = 0; i < names.size(); ++i) {
    // As a JSON object: a pointer given twice is one key, where it first came, with the last value.
    if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
        names.begin() + static_cast<std::ptrdiff_t>(i))
      continue;
    std::size_t last = i;
    for (std::size_t k = i + 1; k < names.size(); ++k)
      if (names[k] == names[i]) last = k;
    if (out.back() != '{') out += ',';
    (out += nlohmann::json(names[i]).dump()) += ':';
    out += r.params[last].dump();
  }
  out += '}';
  append_key(out += ',', "migrations");
  out += std::to_string(r.migrations);
  append_key(out += ',', "completed");
  out += std::to_string(r.completed);
  append_key(out += ',', "rolled_back");
  out += std::to_string(r.rolled_back);
  append_key(out += ',', "failed");
  out += std::to_string(r.failed);
  append_key(out += ',', "other");
  out += std::to_string(r.other);
  append_key(out += ',', "max_total_s");
  append_value(out, r.max_total_s);
  append_key(out += ',', "mean_total_s");
  append_value(out, r.mean_total_s);
  append_key(out += ',', "max_blackout_s");
  append_value(out, r.max_blackout_s);
  append_key(out += ',', "total_bytes");
  append_value(out, r.total_bytes);
  if (!r.error.empty()) {
    append_key(out += ',', "error");
    append_value(out, r.error);
  }
  if (per_migration) {
    append_key(out += ',', "per_migration");
    out += '[';
    for (std::size_t k = 0; k < r.per_migration.size(); ++k) {
      if (k > 0) out += ',';
      append_migration(out, r.per_migration[k]);
    }
    out += ']';
  }
  out += '}';
  return out;
}

std::optional<VariantResult> from_jsonl_row(const std::string& line, std::size_t parameters,
                                            bool per_migration) {
  const auto row = nlohmann::ordered_json::parse(line, nullptr, false);
  if (row.is_discarded() || !row.is_object() || !row.contains("variant") ||
      !row.contains("total_bytes") || !row.contains("params") || row["params"].size() != parameters)
    return std::nullopt;
  if (per_migration && !(row.contains("per_migration") && row["per_migration"].is_array()))
    return std::nullopt;
  try {
    VariantResult r;
    r.index = row["variant"].get<std::size_t>();
    for (const auto& [k, v] : row["params"].items())
      r.params.push_back(nlohmann::json::parse(v.dump()));
    r.migrations = row["migrations"].get<int>();
    r.completed = row["completed"].get<int>();
    r.rolled_back = row["rolled_back"].get<int>();
    r.failed = row["failed"].get<int>();
    r.other = row["other"].get<int>();
    r.max_total_s = row["max_total_s"].get<double>();
    r.mean_total_s = row["mean_total_s"].get<double>();
    r.max_blackout_s = row["max_blackout_s"].get<double>();
    r.total_bytes = row["total_bytes"].get<double>();
    r.error = row.value("error", std::string());
    if (per_migration)
      for (const auto& m : row["per_migration"]) r.per_migration.push_back(migration_from_json(m));
    return r;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

void write_sweep_csv(const std::vector<VariantResult>& rows, const std::vector<std::string>& names,
                     std::ostream& out) {
  out << "variant";
  for (const auto& n : names) out << ',' << csv_cell(n);
  out << ",migrations,completed,rolled_back,failed,other,max_total_s,mean_total_s,max_blackout_s,"
         "total_bytes,error\n";
  for (const auto& r : rows) {
    out << r.index;
    for (const auto& p : r.params) out << ',' << csv_cell(p);
    out << fmt::format(",{},{},{},{},{},{},{},{},{},{}\n", r.migrations, r.completed, r.rolled_back,
                       r.failed, r.other, num(r.max_total_s), num(r.mean_total_s),
                       num(r.max_blackout_s), num(r.total_bytes), csv_cell(r.error));
  }
}

void write_migrations_csv(const std::vector<VariantResult>& rows,
                          const std::vector<std::string>& names, std::ostream& out) {
  const auto cell = [](const std::optional<double>& x) { return x ? num(*x) : std::string(); };
  out << "variant";
  for (const auto& n : names) out << ',' << csv_cell(n);
  out << ",migration,lpar,source,destination,outcome,total_s,blackout_s,bytes_sent,passes\n";
  for (const auto& r : rows) {
    for (std::size_t k = 0; k < r.per_migration.size(); ++k) {
      const MigrationRow& m = r.per_migration[k];
      out << r.index;
      for (const auto& p : r.params) out << ',' << csv_cell(p);
      out << fmt::format(",{},{},{},{},{},{},{},{},{}\n", k, csv_cell(m.lpar), csv_cell(m.source),
                         csv_cell(m.destination), m.outcome, cell(m.total_s), cell(m.blackout_s),
                         num(m.bytes_sent), m.passes);
    }
  }
}

std::vector<GroupSummary> summarise_groups(const std::vector<VariantResult>& rows,
                                           int seed_parameter) {
  std::vector<GroupSummary> groups;
  std::map<std::string, std::size_t> where;
  std::vector<std::vector<const VariantResult*>> members;
  for (const auto& r : rows) {
    std::vector<nlohmann::json> key;
    for (std::size_t i = 0; i < r.params.size(); ++i)
      if (static_cast<int>(i) != seed_parameter) key.push_back(r.params[i]);
    const auto [it, fresh] = where.emplace(nlohmann::json(key).dump(), groups.size());
    if (fresh) {
      groups.push_back(GroupSummary{key, 0, 0, 0, 0, {}, {}, {}});
      members.emplace_back();
    }
    members[it->second].push_back(&r);
  }
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::vector<double> total, blackout, bytes;
    for (const auto* r : members[g]) {
      ++groups[g].variants;
      groups[g].completed += r->completed;
      groups[g].rolled_back += r->rolled_back;
      groups[g].failed += r->failed;
      total.push_back(r->max_total_s);
      blackout.push_back(r->max_blackout_s);
      bytes.push_back(r->total_bytes);
    }
    groups[g].max_total_s = describe(total);
    groups[g].max_blackout_s = describe(blackout);
    groups[g].total_bytes = describe(bytes);
  }
  return groups;
}

void write_summary_csv(const std::vector<GroupSummary>& groups,
                       const std::vector<std::string>& group_names, std::ostream& out) {
  out << "group";
  for (const auto& n : group_names) out << ',' << csv_cell(n);
  out << ",variants,completed,rolled_back,failed";
  for (const char* m : {"max_total_s", "max_blackout_s", "total_bytes"})
    for (const char* s : {"mean", "ci95", "p50", "p95", "max"}) out << ',' << m << '_' << s;
  out << '\n';
  for (std::size_t g = 0; g < groups.size(); ++g) {
    out << g;
    for (const auto& p : groups[g].params) out << ',' << csv_cell(p);
    out << fmt::format(",{},{},{},{}", groups[g].variants, groups[g].completed,
                       groups[g].rolled_back, groups[g].failed);
    for (const auto* m :
         {&groups[g].max_total_s, &groups[g].max_blackout_s, &groups[g].total_bytes})
      out << fmt::format(",{},{},{},{},{}", num(m->mean), num(m->ci95), num(m->p50), num(m->p95),
                         num(m->max));
    out << '\n';
  }
}

void print_summary(const std::vector<GroupSummary>& groups,
                   const std::vector<std::string>& group_names, std::ostream& out) {
  const std::size_t shown = std::min<std::size_t>(groups.size(), 40);
  out << fmt::format("{} group(s){}\n", groups.size(),
                     shown < groups.size() ? " (first 40 shown)" : "");
  for (std::size_t g = 0; g < shown; ++g) {
    std::string label;
    for (std::size_t i = 0; i < group_names.size(); ++i)
      label += fmt::format("{}{}={}", i ? " " : "", group_names[i], csv_cell(groups[g].params[i]));
    const auto& t = groups[g].max_total_s;
    const auto& b = groups[g].max_blackout_s;
    out << fmt::format("  {}{}n={} ok={} rb={} fail={}\n", label, label.empty() ? "" : "\n    ",
                       groups[g].variants, groups[g].completed, groups[g].rolled_back,
                       groups[g].failed);
    out << fmt::format("    total    mean {:.3f}s ±{:.3f}  p50 {:.3f}s  p95 {:.3f}s  max {:.3f}s\n",
                       t.mean, t.ci95, t.p50, t.p95, t.max);
    out << fmt::format("    blackout mean {:.4f}s ±{:.4f}  p50 {:.4f}s  p95 {:.4f}s  max {:.4f}s\n",
                       b.mean, b.ci95, b.p50, b.p95, b.max);
  }
}

}  // namespace app::studies
