// SweepJournal: the crash-safe record of finished variants — a JSON Lines file whose first line
// names the sweep (fingerprint, scenario, variant count) and whose other lines are result rows
// in completion order, fsync'd per batch. Reopening it reads back every complete row, cuts a torn
// last line, and refuses a journal written by a different sweep. Used by run_sweep.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/studies/sweep.hpp"

namespace app::studies {

class SweepJournal {
 public:
  // Opens or creates `path`. Throws SweepGridError for a journal of another sweep or an I/O error.
  // `per_migration`: rows carry per-migration detail (and rows without it are not accepted).
  SweepJournal(std::string path, std::string header, std::size_t parameters, std::size_t variants,
               bool per_migration = false);
  ~SweepJournal();
  SweepJournal(const SweepJournal&) = delete;
  SweepJournal& operator=(const SweepJournal&) = delete;

  // The rows found on opening, indexed by variant.
  std::vector<std::optional<VariantResult>>& rows() { return rows_; }
  std::size_t resumed() const { return resumed_; }

  // Appends complete lines and makes them durable (fsync) before returning.
  void append(const std::vector<std::string>& lines);

  // Replaces the journal by `text` atomically (write to a temporary file, fsync, rename).
  void replace(const std::string& text);

 private:
  void read_back();
  std::string path_;
  std::string header_;
  std::size_t parameters_;
  bool per_migration_ = false;
  int fd_ = -1;
  std::vector<std::optional<VariantResult>> rows_;
  std::size_t resumed_ = 0;
};

// Writes `text` to `path` atomically (report::OutputFile). Throws SweepGridError.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace app::studies
