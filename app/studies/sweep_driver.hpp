// run_sweep: the whole `lpmsim sweep` job — resume from the journal, run the pending variants in
// batches on threads and (through a SweepTransport) MPI ranks, journal each batch, and write the
// CSV, JSON Lines and summary in variant order, so the bytes never depend on threads, ranks or
// interruptions. Rank 0 does all file I/O; the other ranks only compute.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "app/studies/sweep.hpp"

namespace app::studies {

// Collective operations between the processes of one sweep; the default is a single process.
// The MPI implementation lives in app/cli (the library does not link MPI).
class SweepTransport {
 public:
  virtual ~SweepTransport() = default;
  virtual int rank() const { return 0; }
  virtual int size() const { return 1; }
  // Rank 0's `text` on every rank.
  virtual std::string broadcast(const std::string& text) { return text; }
  // Every rank's `text`, in rank order, on rank 0 (empty elsewhere).
  virtual std::vector<std::string> gather(const std::string& text) { return {text}; }
};

struct SweepOutputs {
  std::string csv;      // "" = none
  std::string jsonl;    // "" = none; also the resume journal
  std::string summary;  // "" = none (the summary is printed anyway unless quiet)
  bool quiet = false;
  std::string migrations_csv;  // "" = none; else one row per migration per variant
};

struct SweepProgress {
  std::size_t done = 0;  // including resumed variants
  std::size_t total = 0;
  std::size_t resumed = 0;
};

// Returns the exit code (0; 2 for unusable outputs). `progress` is called on rank 0 after
// every batch. `summary_out` receives the printed group summary.
int run_sweep(const Sweep& sweep, const SweepOutputs& outputs, int jobs, SweepTransport& transport,
              std::ostream& summary_out,
              const std::function<void(const SweepProgress&)>& progress = {});

// The journal path: the --jsonl file, else "<csv>.journal.jsonl" for --csv or --migrations-csv
// (removed at the end of a complete sweep). With --migrations-csv the sweep must record
// migrations (Sweep::set_record_migrations), so journal rows carry them and resume keeps them.
std::string journal_path(const SweepOutputs& outputs);

}  // namespace app::studies
