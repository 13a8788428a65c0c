// Sweep outputs: a VariantResult as a JSON Lines row (also the resume journal's record) and
// back, the CSV table in variant order, and per-group summary statistics over seeds (mean, p50,
// p95, max, Student-t 95 % confidence interval). Formats documented in SWEEP.md.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "app/studies/sweep.hpp"

namespace app::studies {

// One JSON object on one line, no trailing newline. Doubles round-trip exactly, so a row read
// back from a journal prints the same bytes as the row computed in this run.
// With `per_migration`, the row ends with "per_migration": [one object per MigrationRow].
std::string to_jsonl_row(const VariantResult& r, const std::vector<std::string>& names,
                         bool per_migration = false);
// Parses a row; nullopt when it is not a complete, well-formed row (a torn last line), or when
// `per_migration` is asked for and the row has none.
std::optional<VariantResult> from_jsonl_row(const std::string& line, std::size_t parameters,
                                            bool per_migration = false);

void write_sweep_csv(const std::vector<VariantResult>& rows, const std::vector<std::string>& names,
                     std::ostream& out);
// One row per migration per variant, in variant order then the HMC's order (--migrations-csv).
void write_migrations_csv(const std::vector<VariantResult>& rows,
                          const std::vector<std::string>& names, std::ostream& out);

// Statistics of one metric over a group's variants (its seeds).
struct MetricSummary {
  double mean = 0, p50 = 0, p95 = 0, max = 0;
  double ci95 = 0;  // half-width of the 95 % confidence interval of the mean (0 with one sample)
};

// A group = variants equal in every parameter but the seed, in order of first appearance.
struct GroupSummary {
  std::vector<nlohmann::json> params;  // without the seed
  std::size_t variants = 0;
  int completed = 0, rolled_back = 0, failed = 0;
  MetricSummary max_total_s, max_blackout_s, total_bytes;
};

std::vector<GroupSummary> summarise_groups(const std::vector<VariantResult>& rows,
                                           int seed_parameter);
void write_summary_csv(const std::vector<GroupSummary>& groups,
                       const std::vector<std::string>& group_names, std::ostream& out);
void print_summary(const std::vector<GroupSummary>& groups,
                   const std::vector<std::string>& group_names, std::ostream& out);

// Two-sided 95 % Student t quantile for `dof` degrees of freedom (table to 30, then asymptotic).
double student_t95(std::size_t dof);

}  // namespace app::studies
