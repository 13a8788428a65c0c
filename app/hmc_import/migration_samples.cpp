// Samples → MeasuredMigration. The HMC reports progress in bytes; a pass boundary shows as
// bytes_remaining rising between two samples (the hypervisor added the pages dirtied during the
// pass), so pass sizes are only as fine as the sampling interval; the docs say so.
#include "app/hmc_import/migration_samples.hpp"

#include <fmt/core.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "app/hmc_import/estate_model.hpp"
#include "app/scenario/input_file.hpp"

namespace app::hmc_import {

namespace {

struct Sample {
  double time = 0;
  bool migrating = false; // migration_state other than "Not Migrating"
  double transmitted = 0;
  double remaining = 0;
};

std::vector<Sample> samples_of(const HmcListing& l, std::string& lpar, ImportProblems& problems) {
  std::vector<Sample> out;
  for (const auto& r : l.records) {
    detail::Fields f(r, l.command, problems);
    const std::string* name = f.text("name");
    const auto t = f.number("sample_time", 0, 1e13, "epoch seconds (added by the sampling loop)");
    const auto sent = f.number("bytes_transmitted", 0, 1e18, "a byte count");
    const auto left = f.number("bytes_remaining", 0, 1e18, "a byte count");
    const std::string* state = f.text("migration_state");
    if (!name || !t || !sent || !left || !state)
      continue;
    if (lpar.empty())
      lpar = *name;
    if (*name != lpar) {
      f.error("name", "expected the samples of one partition per section (" + lpar + "); found " +
                          in_quotes(*name));
      continue;
    }
    if (!out.empty() && *t <= out.back().time) {
      f.error("sample_time", "expected times to increase; found " + fmt::format("{}", *t));
      continue;
    }
    out.push_back({*t, *state != "Not Migrating", *sent, *left});
  }
  return out;
}

studies::MeasuredMigration migration_of(const std::vector<Sample>& s, const HmcListing& l,
                                        double page_bytes, ImportProblems& problems) {
  studies::MeasuredMigration m;
  // The request: the first sample that is migrating. The end: the last sample (the loop stops
  // when the partition has left the source system, HMC_IMPORT.md).
  std::size_t request = 0;
  while (request < s.size() && !s[request].migrating)
    ++request;
  std::size_t start = request;
  while (start < s.size() && s[start].transmitted == 0)
    ++start;
  std::size_t end = start;
  while (end < s.size() && s[end].remaining > 0)
    ++end;
  const std::string where = l.file + ":" + std::to_string(l.header_line);
  if (request == 0 || start == s.size() || end == s.size()) {
    problems.error(where, "lslparmigr -r lpar",
                   "expected samples from before the request (migration_state Not Migrating) to "
                   "after bytes_remaining reached 0 (the migration is not covered)");
    return m;
  }
  m.total_time = sim::Duration::from_ns(std::llround((s.back().time - s[request].time) * 1e9));
  m.bytes_sent = s.back().transmitted;
  double pass_start = start > 0 ? s[start - 1].transmitted : 0;
  for (std::size_t i = start + 1; i <= end; ++i)
    if (s[i].remaining > s[i - 1].remaining) { // a new pass began between i-1 and i
      m.pass_pages.push_back((s[i - 1].transmitted - pass_start) / page_bytes);
      pass_start = s[i - 1].transmitted;
    }
  m.pass_pages.push_back((s[end].transmitted - pass_start) / page_bytes);
  if (m.pass_pages.size() == 1)
    m.pass_pages.clear(); // no boundary seen: passes unknown
  return m;
}

} // namespace

bool is_lslparmigr_samples(const std::filesystem::path& path) {
  // Untrusted input: a regular file under the size limit (/dev/zero or a FIFO is refused here,
  // with exit 2, instead of being read without end).
  std::istringstream in(scenario::read_input_file(path, scenario::input_policy().data_bytes, "measurement file"));
  std::string line;
  while (std::getline(in, line)) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos)
      continue;
    if (line.compare(first, 1, "#") != 0)
      return false;
    const auto cmd = line.find_first_not_of(" \t", first + 1);
    if (cmd != std::string::npos && line.compare(cmd, 18, "lslparmigr -r lpar") == 0)
      return true;
  }
  return false;
}

studies::Measurements measurements_from_samples(const std::filesystem::path& path,
                                                const scenario::ScenarioSpec& spec) {
  ImportProblems problems;
  studies::Measurements out;
  const auto listings = read_hmc_listings(path, problems);
  std::optional<sim::BytesPerSecond> bottleneck;
  for (const auto& link : spec.network.links)
    if (!bottleneck || link.config.bandwidth < *bottleneck)
      bottleneck = link.config.bandwidth;
  for (const auto& l : listings) {
    if (l.command != HmcCommand::lslparmigr_lpar) {
      problems.error(l.file + ":" + std::to_string(l.header_line), command_text(l.command),
                     "expected lslparmigr -r lpar samples in a calibration file");
      continue;
    }
    std::string lpar = out.lpar;
    const auto samples = samples_of(l, lpar, problems);
    if (!out.lpar.empty() && lpar != out.lpar)
      problems.error(l.file + ":" + std::to_string(l.header_line), "lslparmigr -r lpar",
                     "every section must sample the same partition (" + out.lpar + ")");
    out.lpar = lpar;
    auto m = migration_of(samples, l, spec.hmc.settings.precopy.page_stream.page_size.as_double(), problems);
    for (const auto& system : spec.managed_systems)
      for (const auto& p : system.lpars)
        if (p.config.name == lpar)
          m.memory = p.config.memory_desired;
    m.bandwidth = bottleneck.value_or(sim::BytesPerSecond{0});
    out.migrations.push_back(std::move(m));
  }
  if (problems.errors().empty() && out.migrations.empty())
    problems.error(path.string(), "", "no lslparmigr -r lpar samples found");
  if (problems.errors().empty() && out.migrations.front().memory == sim::Bytes{0})
    problems.error(path.string(), "", "partition " + out.lpar + " is not in the template scenario");
  if (!problems.errors().empty()) {
    std::string text;
    for (const auto& e : problems.errors())
      join_to(text, "\n", e);
    throw studies::MeasurementError(text);
  }
  return out;
}

} // namespace app::hmc_import
