// run_sweep: batches, journaling, final ordered outputs.
#include "app/studies/sweep_driver.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <ostream>
#include <sstream>

#include "app/studies/sweep_journal.hpp"
#include "app/studies/sweep_results.hpp"
#include "app/studies/sweep_runner.hpp"
#include "sim/check.hpp"

namespace app::studies {

namespace {

std::string encode_indices(const std::vector<std::size_t>& v) {
  std::string s;
  for (auto i : v) (s += std::to_string(i)) += ' ';
  return s;
}

std::vector<std::size_t> decode_indices(const std::string& s) {
  std::vector<std::size_t> v;
  std::istringstream in(s);
  for (std::size_t i; in >> i;) v.push_back(i);
  return v;
}

std::string journal_header(const Sweep& sweep) {
  nlohmann::ordered_json h;
  h["lpmsim_sweep"] = sweep.grid().fingerprint();
  h["scenario"] = sweep.file();
  h["variants"] = sweep.size();
  h["parameters"] = sweep.grid().parameter_names();
  // Only when on, so journals of sweeps without per-migration rows keep their first line.
  if (sweep.records_migrations()) h["per_migration"] = true;
  return h.dump();
}

// `texts`: the JSON Lines text of the rows this process ran (by variant; empty for the others).
void write_outputs(const Sweep& sweep, const SweepOutputs& outputs,
                   const std::vector<VariantResult>& rows, const std::vector<std::string>& texts,
                   SweepJournal* journal, std::ostream& summary_out) {
  const auto names = sweep.grid().parameter_names();
  const bool detail = sweep.records_migrations();
  if (journal != nullptr && !outputs.jsonl.empty()) {
    std::string text = journal_header(sweep) + "\n";
    for (const auto& r : rows) {
      const bool known = r.index < texts.size() && !texts[r.index].empty();
      (text += known ? texts[r.index] : to_jsonl_row(r, names, detail)) += '\n';
    }
    journal->replace(text);
  }
  if (!outputs.csv.empty()) {
    std::ostringstream csv;
    write_sweep_csv(rows, names, csv);
    write_file_atomically(outputs.csv, csv.str());
  }
  if (!outputs.migrations_csv.empty()) {
    std::ostringstream csv;
    write_migrations_csv(rows, names, csv);
    write_file_atomically(outputs.migrations_csv, csv.str());
  }
  const int seed = sweep.grid().seed_parameter();
  std::vector<std::string> group_names;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (static_cast<int>(i) != seed) group_names.push_back(names[i]);
  const auto groups = summarise_groups(rows, seed);
  if (!outputs.summary.empty()) {
    std::ostringstream s;
    write_summary_csv(groups, group_names, s);
    write_file_atomically(outputs.summary, s.str());
  }
  if (!outputs.quiet) print_summary(groups, group_names, summary_out);
}

}  // namespace

std::string journal_path(const SweepOutputs& outputs) {
  if (!outputs.jsonl.empty()) return outputs.jsonl;
  if (!outputs.csv.empty()) return outputs.csv + ".journal.jsonl";
  if (!outputs.migrations_csv.empty()) return outputs.migrations_csv + ".journal.jsonl";
  return "";
}

int run_sweep(const Sweep& sweep, const SweepOutputs& outputs, int jobs, SweepTransport& transport,
              std::ostream& summary_out,
              const std::function<void(const SweepProgress&)>& progress) {
  SIM_CHECK(outputs.migrations_csv.empty() || sweep.records_migrations(), "sweep",
            "--migrations-csv needs a sweep that records migrations");
  const bool root = transport.rank() == 0;
  const auto names = sweep.grid().parameter_names();
  const bool detail = sweep.records_migrations();
  std::unique_ptr<SweepJournal> journal;
  std::vector<std::optional<VariantResult>> local_rows;
  std::vector<std::optional<VariantResult>>* rows = &local_rows;
  SweepProgress state{0, sweep.size(), 0};
  std::string pending_text;
  if (root) {
    const auto path = journal_path(outputs);
    if (!path.empty()) {
      journal = std::make_unique<SweepJournal>(path, journal_header(sweep), names.size(),
                                               sweep.size(), detail);
      rows = &journal->rows();
      state.resumed = state.done = journal->resumed();
    } else {
      local_rows.resize(sweep.size());
    }
    std::vector<std::size_t> pending;
    for (std::size_t i = 0; i < sweep.size(); ++i)
      if (!(*rows)[i]) pending.push_back(i);
    pending_text = encode_indices(pending);
  }
  const auto pending = decode_indices(transport.broadcast(pending_text));
  const std::size_t ranks = static_cast<std::size_t>(transport.size());
  const std::size_t batch =
      std::max<std::size_t>(64, 32 * static_cast<std::size_t>(std::max(jobs, 1)) * ranks);
  // Within a batch, position k goes to rank k mod size: a fixed function of the pending list.
  // This rank's variants, batch after batch; mine_end[b] = how many of them batches 0..b hold.
  std::vector<std::size_t> mine, mine_end;
  for (std::size_t begin = 0; begin < pending.size(); begin += batch) {
    for (std::size_t k = begin + static_cast<std::size_t>(transport.rank());
         k < std::min(pending.size(), begin + batch); k += ranks)
      mine.push_back(pending[k]);
    mine_end.push_back(mine.size());
  }
  // Rows become JSON Lines text on the thread that ran them, and only when someone reads it: the
  // journal, or rank 0 (other ranks send their rows as text; rank 0 keeps its own as they are).
  const bool texts = !root || journal != nullptr;
  SweepRunner runner(sweep, mine, jobs,
                     texts ? SweepRunner::Format([&](const VariantResult& r) { return to_jsonl_row(r, names, detail); })
                           : SweepRunner::Format());
  // The threads run ahead while this one journals and gathers each batch in order.
  std::vector<std::string> own_text;  // rank 0: the rows' text by variant, for the final JSON Lines
  if (root && texts) own_text.resize(sweep.size());
  if (root && progress) progress(state);
  for (std::size_t b = 0, from = 0; b < mine_end.size(); from = mine_end[b++]) {
    runner.wait_for(mine_end[b]);
    std::string text;
    if (texts)
      for (std::size_t k = from; k < mine_end[b]; ++k) (text += runner.text(k)) += '\n';
    const auto gathered = transport.gather(text);
    if (!root) continue;
    std::vector<std::string> lines;
    std::size_t rows_in_batch = mine_end[b] - from;
    for (std::size_t k = from; k < mine_end[b]; ++k) {
      // Rank 0's own rows are at hand; only other ranks' rows are parsed back (the same values:
      // doubles round-trip exactly, see to_jsonl_row).
      VariantResult& r = runner.result(k);
      if (texts) {
        lines.push_back(runner.text(k));
        own_text[r.index] = std::move(runner.text(k));
      }
      (*rows)[r.index] = std::move(r);
    }
    for (std::size_t part = 1; part < gathered.size(); ++part) {
      std::istringstream in(gathered[part]);
      for (std::string line; std::getline(in, line); ++rows_in_batch) {
        auto row = from_jsonl_row(line, names.size(), detail);
        SIM_CHECK(row.has_value(), "sweep", "a rank sent a malformed row");
        (*rows)[row->index] = std::move(*row);
        lines.push_back(std::move(line));
      }
    }
    if (journal) journal->append(lines);
    state.done += rows_in_batch;
    if (progress) progress(state);
  }
  if (!root) return 0;
  std::vector<VariantResult> ordered;
  ordered.reserve(rows->size());
  for (auto& r : *rows) ordered.push_back(std::move(*r));
  write_outputs(sweep, outputs, ordered, own_text, journal.get(), summary_out);
  if (journal && outputs.jsonl.empty()) {
    const auto path = journal_path(outputs);
    journal.reset();
    std::remove(path.c_str());
  }
  return 0;
}

}  // namespace app::studies
