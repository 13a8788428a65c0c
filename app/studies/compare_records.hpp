// Measured migrations for `lpmsim compare`: the flat QEMU record format of
// ../shared/fidelity/qemu-dev.jsonl (one JSON object per line, written by the harness's
// run_one.py from QMP's query-migrate), read line by line with bounded work. A line that cannot be
// read is a MeasurementError naming file, line and field (exit 2).
//   auto runs = app::studies::read_qemu_records("qemu-dev.jsonl", {.max_runs = 10000});
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace app::studies {

enum class QemuDirtier { idle, uniform, sequential };

// One real migration as the harness recorded it (fidelity/README.md, field table).
struct QemuRecord {
  std::string file;
  std::int64_t line = 0;
  std::string run_id;
  double guest_mem_mib = 0;
  QemuDirtier dirtier = QemuDirtier::idle;
  double ws_mib = 0;
  double write_rate_pps = 0;               // target writes/s (one store into one 4 KiB page)
  std::optional<double> achieved_rate_pps;  // what the guest reported, when it did
  double max_bandwidth_bytes_per_s = 0;     // QEMU max-bandwidth
  double downtime_limit_ms = 0;             // QEMU downtime-limit
  std::optional<double> nonzero_mib_at_start;
  bool completed = false;                   // status "completed"; "cancelled" = never converged
  bool race = false;                        // total/downtime are 0 by a reporting race: skipped
  // Measured outcome (completed, non-race runs).
  std::optional<double> total_ms;
  std::optional<double> downtime_ms;
  std::optional<double> setup_ms;
  std::optional<double> dirty_sync_count;
  std::optional<double> transferred_bytes;
  std::optional<double> downtime_bytes;

  // The guest's writes/s: what it achieved when reported, else its target.
  double write_rate() const { return achieved_rate_pps.value_or(write_rate_pps); }
};

struct RecordLimits {
  std::int64_t max_runs = 100000;              // more is refused (each run is a simulation)
  std::size_t max_line_bytes = 1 << 20;        // a longer line is refused, not buffered
};

// Appends every run of `path` to `out`. Blank lines are skipped; an empty file (no run) is an
// error. Throws MeasurementError "FILE:LINE: FIELD: expected …".
void read_qemu_records(const std::filesystem::path& path, std::vector<QemuRecord>& out,
                       const RecordLimits& limits = {});

}  // namespace app::studies
