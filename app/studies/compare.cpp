// compare: QEMU record → one-partition scenario → Simulation → measured vs predicted, summary.
#include "app/studies/compare.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "app/scenario/loader.hpp"
#include "app/studies/calibration.hpp"
#include "app/studies/simulation.hpp"

namespace app::studies {

namespace {

using nlohmann::json;

// Two hosts, one mover each, one link between them; the guest is a Linux partition with no
// virtual adapters. The defaults here are the QEMU/KVM view (bare hypervisor, pure pre-copy,
// QEMU's stop rule and stream format); the profile refines them (link rate, switchover).
const char* const kTemplate = R"({
  "description": "lpmsim compare: one measured QEMU migration",
  "managed_systems": [
    {"name": "source", "machine_type_model": "9105-42A", "processor_generation": "power10",
     "compatibility_modes": ["power10"], "memory": "1TiB", "processors": 48, "lmb_size": "16MiB",
     "firmware_level": "FW1050",
     "vios": [{"id": 1, "name": "source-mover", "memory": "8GiB", "processors": 8.0,
               "msp": {"interface": "source-nic", "throughput_per_cpu": "100Gbit/s"}}],
     "lpars": [{"id": 10, "name": "guest", "os": "linux", "state": "running",
                "memory": {"min": "16MiB", "desired": "16MiB", "max": "16MiB"},
                "processors": {"mode": "shared", "desired": 1.0, "virtual_processors": 1},
                "current_compatibility_mode": "power10", "preferred_compatibility_mode": "default",
                "page_size": "4KiB", "workload": {}}]},
    {"name": "destination", "machine_type_model": "9105-42A", "processor_generation": "power10",
     "compatibility_modes": ["power10"], "memory": "1TiB", "processors": 48, "lmb_size": "16MiB",
     "firmware_level": "FW1050",
     "vios": [{"id": 1, "name": "destination-mover", "memory": "8GiB", "processors": 8.0,
               "msp": {"interface": "destination-nic", "throughput_per_cpu": "100Gbit/s"}}]}
  ],
  "network": {
    "nodes": [{"name": "source-nic", "kind": "msp_interface"},
              {"name": "destination-nic", "kind": "msp_interface"}],
    "links": [{"name": "loopback", "a": "source-nic", "b": "destination-nic",
               "bandwidth": "10Gbit/s", "latency": "10us", "mtu": 65535}]
  },
  "actions": [{"at": "0s", "migrlpar": "-o m -m source -t destination -p guest"}],
  "simulation": {"seed": 1, "end_time": "10min", "memory_representation": "exact"},
  "hmc": {
    "platform": {"kind": "bare_hypervisor"},
    "stop_policy": {"policy": "qemu"},
    "precopy": {"mode": "pure_precopy", "tracking_granularity": "4KiB", "send_untouched": true,
                "page_header": "8B", "zero_page_record": "9B", "device_state_size": "0B"},
    "timeouts": {"migration": "60s"}
  }
})";

// The harness cancels a run that has not converged after 60 s (fidelity/README.md): the
// template's migration timeout says the same, so "not converged" means the same on both sides.

constexpr double kMiB = 1024.0 * 1024.0;

// A missing nonzero_mib_at_start (the harness records it at completion, so cancelled runs lack
// it) is the working set plus the guest's own footprint: the median of (nonzero − ws) over the
// runs of the same guest memory that have both; with none, the working set alone.
double nonzero_mib(const QemuRecord& r, const std::vector<QemuRecord>& all) {
  if (r.nonzero_mib_at_start) return *r.nonzero_mib_at_start;
  std::vector<double> footprint;
  for (const auto& o : all)
    if (o.nonzero_mib_at_start && o.guest_mem_mib == r.guest_mem_mib)
      footprint.push_back(std::max(0.0, *o.nonzero_mib_at_start - o.ws_mib));
  double base = 0;
  if (!footprint.empty()) {
    std::sort(footprint.begin(), footprint.end());
    base = footprint[footprint.size() / 2];
  }
  return std::min(r.guest_mem_mib, r.ws_mib + base);
}

std::string bytes_text(double bytes) { return fmt::format("{:.0f}B", std::round(bytes)); }

// The harness's guest (fidelity/qemu-harness/guest) boots a Debian kernel with QEMU's -kernel
// and -initrd, and its data at the top of RAM is what the stop-and-copy still finds pending:
//  - QEMU loads the initrd at the top of RAM, below the ACPI tables (hw/i386/x86.c,
//    x86_load_linux: initrd_max = ram_size − acpi_data_size − 1, initrd at initrd_max − size);
//    with SeaBIOS's high zone above it (CONFIG_MAX_HIGHTABLE, 256 KiB) and the initramfs of
//    busybox-static and the static dirtier (gzip -9, about 1.3 MB), 1.5 MiB;
//  - the kernel's boot allocator, memblock, allocates top-down below the reserved initrd, first of
//    all the page descriptors: one 64-byte struct page, never all zero, per 4 KiB page (RAM/64;
//    the 12.4 MiB more non-zero memory at start of the 1 GiB guests than of the 256 MiB ones in
//    qemu-dev.jsonl is that difference, 16 − 4 MiB).
double guest_top_block_bytes(double mem_mib) {
  constexpr double kBootImage = 1.5 * kMiB;
  constexpr double kStructPagePerPage = 64.0 / 4096.0;
  return kBootImage + kStructPagePerPage * mem_mib * kMiB;
}

json dirty_model(const QemuRecord& r, double nonzero) {
  // The working set as a fraction of touched (non-zero) memory, within (0, 1].
  const double ws = nonzero > 0 ? std::clamp(r.ws_mib / nonzero, 1e-9, 1.0) : 1.0;
  const std::string rate = fmt::format("{:.6g}pages/s", r.write_rate());
  switch (r.dirtier) {
    case QemuDirtier::idle: return {{"model", "constant"}, {"dirty_rate", "0pages/s"}};
    case QemuDirtier::uniform:
      return {{"model", "uniform"}, {"write_rate", rate}, {"working_set_fraction", ws}};
    case QemuDirtier::sequential:
      return {{"model", "constant"}, {"dirty_rate", rate}, {"working_set_fraction", ws}};
  }
  return {};
}

std::optional<RunFigures> predicted(const models::migration::MigrationRecord& m) {
  RunFigures f;
  f.converged = m.outcome == models::migration::MigrationOutcome::completed;
  if (!f.converged) return f;
  f.total_ms = m.total().seconds() * 1e3;
  f.downtime_ms = m.blackout ? m.blackout->seconds() * 1e3 : 0.0;
  // QEMU's dirty-sync-count: the setup sync, one per pass end (the sync below the threshold),
  // and the final sync after the vCPUs stopped.
  f.dirty_sync_count = static_cast<double>(m.passes.size()) + 2.0;
  return f;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double abs_pct(double predicted, double measured) {
  return 100.0 * std::abs(predicted - measured) / std::max(measured, 1e-9);
}

json figures_json(const RunFigures& f) {
  const auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  return {{"total_ms", opt(f.total_ms)},
          {"downtime_ms", opt(f.downtime_ms)},
          {"dirty_sync_count", opt(f.dirty_sync_count)},
          {"converged", f.converged}};
}

}  // namespace

json load_profile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MeasurementError(fmt::format("{}: cannot read the profile", path.string()));
  std::stringstream text;
  text << in.rdbuf();
  json doc = json::parse(text.str(), nullptr, false);
  if (doc.is_discarded()) throw MeasurementError(fmt::format("{}: the profile is not valid JSON", path.string()));
  if (!doc.is_object())
    throw MeasurementError(fmt::format("{}: expected a JSON object (a partial scenario document)", path.string()));
  return doc;
}

std::string scenario_for(const QemuRecord& r, const json& profile, const std::vector<QemuRecord>& all) {
  json s = json::parse(kTemplate);
  json patch = profile;
  patch.erase("profile");  // the profile's own notes (fitted figures) are not scenario keys
  s.merge_patch(patch);
  const double nonzero = nonzero_mib(r, all);
  // LMBs are 16 MiB: the guest's memory rounds up to a whole number of them.
  const double mem_mib = std::ceil(r.guest_mem_mib / 16.0) * 16.0;
  json& lpar = s["managed_systems"][0]["lpars"][0];
  const std::string mem = bytes_text(mem_mib * kMiB);
  lpar["memory"] = {{"min", mem}, {"desired", mem}, {"max", mem}};
  json& workload = lpar["workload"];
  workload["touched_fraction"] = std::clamp(nonzero / mem_mib, 1e-6, 1.0);
  workload["top_block"] = bytes_text(std::min(guest_top_block_bytes(r.guest_mem_mib), nonzero * kMiB));
  workload["dirty"] = dirty_model(r, nonzero);
  json& policy = s["hmc"]["stop_policy"];
  if (!policy.is_object() || policy.value("policy", "") != "qemu") policy = {{"policy", "qemu"}};
  policy["downtime_limit"] = fmt::format("{:.6g}ms", r.downtime_limit_ms);
  policy["max_bandwidth"] = bytes_text(r.max_bandwidth_bytes_per_s) + "/s";
  return s.dump(2);
}

CompareSummary summarize(const std::vector<ComparedRun>& runs, int race_skipped) {
  CompareSummary sum;
  sum.race_skipped = race_skipped;
  sum.runs = static_cast<int>(runs.size()) + race_skipped;
  sum.compared = static_cast<int>(runs.size());
  std::vector<double> total_err, down_err;
  int sync_ok = 0, sync_measured = 0;
  for (const auto& c : runs) {
    ++sum.confusion[c.measured.converged ? 1 : 0][c.predicted.converged ? 1 : 0];
    if (!c.measured.converged) continue;
    ++sum.measured_completed;
    if (c.measured.dirty_sync_count) {  // a predicted miss counts as wrong
      ++sync_measured;
      if (c.predicted.converged && std::abs(*c.predicted.dirty_sync_count - *c.measured.dirty_sync_count) <= 1.0)
        ++sync_ok;
    }
    if (!c.predicted.converged) continue;
    ++sum.both_completed;
    total_err.push_back(abs_pct(*c.predicted.total_ms, *c.measured.total_ms));
    if (c.measured.downtime_ms) down_err.push_back(abs_pct(*c.predicted.downtime_ms, *c.measured.downtime_ms));
  }
  sum.total_median_abs_pct = median(total_err);
  sum.downtime_median_abs_pct = median(down_err);
  sum.sync_within_1_share = sync_measured ? static_cast<double>(sync_ok) / sync_measured : 0.0;
  sum.convergence_agreement =
      sum.compared ? static_cast<double>(sum.confusion[0][0] + sum.confusion[1][1]) / sum.compared : 0.0;
  return sum;
}

CompareResult compare_runs(const std::vector<QemuRecord>& records, const json& profile) {
  CompareResult out;
  int race_skipped = 0;
  for (const auto& r : records) {
    if (r.race) {
      ++race_skipped;
      continue;
    }
    ComparedRun c;
    c.run_id = r.run_id;
    c.measured.converged = r.completed;
    c.measured.total_ms = r.total_ms;
    c.measured.downtime_ms = r.downtime_ms;
    c.measured.dirty_sync_count = r.dirty_sync_count;
    const std::string text = scenario_for(r, profile, records);
    const auto spec = scenario::load_scenario_text(text, fmt::format("{}:{} (as a scenario)", r.file, r.line));
    RunOptions options;
    options.time_series = false;
    Simulation simulation(spec, ".", options);
    const auto report = simulation.run();
    const double page = spec.hmc.settings.precopy.page_stream.page_size.as_double();
    for (const auto& m : report.migrations) {
      if (m.lpar != "guest") continue;
      c.predicted = *predicted(m);
      for (const auto& pass : m.passes)  // each pass ends in a sync: the setup sync is count 1
        c.syncs.push_back({pass.index + 1, (pass.end - m.requested).seconds(), pass.remaining_pages * page});
    }
    out.runs.push_back(std::move(c));
  }
  out.summary = summarize(out.runs, race_skipped);
  return out;
}

nlohmann::ordered_json to_json(const CompareResult& result) {
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  for (const auto& r : result.runs)
  {
    nlohmann::ordered_json syncs = nlohmann::ordered_json::array();
    for (const auto& s : r.syncs)
      syncs.push_back({{"dirty_sync_count", s.dirty_sync_count}, {"t_s", s.t_s}, {"remaining_bytes", s.remaining_bytes}});
    runs.push_back({{"run_id", r.run_id},
                    {"measured", figures_json(r.measured)},
                    {"predicted", figures_json(r.predicted)},
                    {"predicted_syncs", syncs}});
  }
  const auto& s = result.summary;
  nlohmann::ordered_json summary = {
      {"runs", s.runs},
      {"race_skipped", s.race_skipped},
      {"compared", s.compared},
      {"measured_completed", s.measured_completed},
      {"both_completed", s.both_completed},
      {"total_time_median_abs_error_pct", s.total_median_abs_pct},
      {"downtime_median_abs_error_pct", s.downtime_median_abs_pct},
      {"sync_count_within_1_share", s.sync_within_1_share},
      {"convergence_agreement", s.convergence_agreement},
      {"convergence_confusion",
       {{"measured_converged_predicted_converged", s.confusion[1][1]},
        {"measured_converged_predicted_not", s.confusion[1][0]},
        {"measured_not_predicted_converged", s.confusion[0][1]},
        {"measured_not_predicted_not", s.confusion[0][0]}}}};
  return {{"runs", runs}, {"summary", summary}};
}

}  // namespace app::studies
