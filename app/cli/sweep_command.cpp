// `lpmsim sweep FILE --grid GRID.json [--set /ptr=v1,v2]`: runs every variant of a grid on all
// cores (and on every MPI rank when built with -DLPMSIM_MPI=ON), streams results to a resumable
// JSON Lines journal, and writes CSV / JSONL / summary in variant order (app/studies/SWEEP.md).
// Exit 0; 2 on bad input (scenario, grid, outputs).
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>

#include "app/cli/command.hpp"
#include "app/cli/scenario_input.hpp"
#include "app/report/output_file.hpp"
#include "app/scenario/loader.hpp"
#include "app/studies/simulation.hpp"
#include "app/studies/sweep_driver.hpp"

#ifdef LPMSIM_MPI
#include <mpi.h>
#endif

namespace app::cli {

namespace {

struct SweepArgs {
  std::string file;
  std::string grid;
  std::vector<std::string> set;
  std::string csv, jsonl, summary, migrations_csv;
  int jobs = 0;
  bool quiet = false;
  bool mpi = false;  // --mpi: initialise MPI even without a launcher's environment
};

#ifdef LPMSIM_MPI
// The sweep's collectives over MPI_COMM_WORLD (strings as byte vectors).
class MpiTransport : public studies::SweepTransport {
 public:
  MpiTransport() {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised) MPI_Init(nullptr, nullptr);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiTransport() override { MPI_Finalize(); }
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  std::string broadcast(const std::string& text) override {
    int n = static_cast<int>(text.size());
    MPI_Bcast(&n, 1, MPI_INT, 0, MPI_COMM_WORLD);
    std::string out = rank_ == 0 ? text : std::string(static_cast<std::size_t>(n), '\0');
    MPI_Bcast(out.data(), n, MPI_CHAR, 0, MPI_COMM_WORLD);
    return out;
  }
  std::vector<std::string> gather(const std::string& text) override {
    int n = static_cast<int>(text.size());
    std::vector<int> sizes(static_cast<std::size_t>(size_)),
        offsets(static_cast<std::size_t>(size_));
    MPI_Gather(&n, 1, MPI_INT, sizes.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    int total = 0;
    for (int r = 0; r < size_; ++r) {
      offsets[static_cast<std::size_t>(r)] = total;
      total += sizes[static_cast<std::size_t>(r)];
    }
    std::string all(static_cast<std::size_t>(rank_ == 0 ? total : 0), '\0');
    MPI_Gatherv(text.data(), n, MPI_CHAR, all.data(), sizes.data(), offsets.data(), MPI_CHAR, 0,
                MPI_COMM_WORLD);
    if (rank_ != 0) return {};
    std::vector<std::string> parts;
    for (int r = 0; r < size_; ++r)
      parts.push_back(all.substr(static_cast<std::size_t>(offsets[static_cast<std::size_t>(r)]),
                                 static_cast<std::size_t>(sizes[static_cast<std::size_t>(r)])));
    return parts;
  }

 private:
  int rank_ = 0;
  int size_ = 1;
};

// MPI_Init costs ≈ 0.3–0.5 s (Open MPI probes the machine), so a sweep initialises MPI only when
// a launcher started it — mpirun/mpiexec of Open MPI, MPICH/Hydra, Slurm's PMI/PMIx set these —
// or when --mpi asks; otherwise it runs as the single rank, as fast to start as `lpmsim run`.
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMI_RANK", "PMIX_RANK", "MV2_COMM_WORLD_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}
#endif

// "[#####.....]  1234/10000  12.3%  5678 variants/s  ETA 0:02" on a terminal only.
std::function<void(const studies::SweepProgress&)> progress_bar(bool quiet) {
  if (quiet || isatty(STDERR_FILENO) == 0) return {};
  const auto started = std::chrono::steady_clock::now();
  return [started](const studies::SweepProgress& p) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double fraction =
        p.total ? static_cast<double>(p.done) / static_cast<double>(p.total) : 1.0;
    const auto ran = static_cast<double>(p.done - p.resumed);
    const double rate = elapsed > 0 ? ran / elapsed : 0;
    const double eta = rate > 0 ? static_cast<double>(p.total - p.done) / rate : 0;
    const int filled = static_cast<int>(fraction * 30);
    fmt::print(stderr, "\r[{:#<{}}{:.<{}}] {}/{} {:5.1f}%  {:.0f} variants/s  ETA {}:{:02}   ", "",
               filled, "", 30 - filled, p.done, p.total, 100 * fraction, rate,
               static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    if (p.done == p.total) fmt::print(stderr, "\n");
  };
}

// Outputs may be neither an input nor each other (nor the journal another output uses).
void check_outputs(const SweepArgs& a) {
  report::OutputSet files;
  files.add_input("the scenario file", a.file);
  files.add_input("the grid file", a.grid);
  files.add_output("--csv", a.csv);
  files.add_output("--jsonl", a.jsonl);
  files.add_output("--summary", a.summary);
  files.add_output("--migrations-csv", a.migrations_csv);
  const auto journal = studies::journal_path({a.csv, a.jsonl, a.summary, a.quiet, a.migrations_csv});
  if (journal != a.jsonl) files.add_output("the resume journal", journal);
  files.check();
}

int sweep(const SweepArgs& a) {
#ifdef LPMSIM_MPI
  const bool mpi = a.mpi || launched_by_mpi();
  const std::unique_ptr<studies::SweepTransport> transport_owner =
      mpi ? std::unique_ptr<studies::SweepTransport>(std::make_unique<MpiTransport>())
          : std::make_unique<studies::SweepTransport>();
  studies::SweepTransport& transport = *transport_owner;
#else
  if (a.mpi) {
    fmt::print(stderr, "lpmsim sweep: --mpi: this lpmsim was built without MPI (-DLPMSIM_MPI=ON)\n");
    return 2;
  }
  studies::SweepTransport transport;
#endif
  const bool root = transport.rank() == 0;
  const auto loaded = load_scenario_or_report(a.file, ScenarioUse{.print = root});
  if (!loaded) return 2;
  const scenario::ScenarioSpec& spec = *loaded;
  if (root) check_outputs(a);
  studies::SweepGrid grid;
  if (!a.grid.empty()) grid = studies::load_sweep_grid(a.grid);
  for (const auto& s : a.set) grid.add_axis(studies::parse_set_axis(s));
  studies::Sweep sweep(scenario::to_json(spec), std::filesystem::path(a.file).parent_path(), a.file,
                       grid);
  sweep.set_record_migrations(!a.migrations_csv.empty());
  try {
    (void)sweep.variant_spec(0);  // a pointer that is not in the scenario fails here, once
  } catch (const scenario::ScenarioError& e) {
    // An invalid value is a row with its error (issue 17); the other variants still run.
    if (root)
      fmt::print(stderr, "lpmsim sweep: variant 0 is invalid (an error row): {}\n",
                 e.diagnostics().front().format());
  }
  const int jobs =
      a.jobs > 0 ? a.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (root && !a.quiet)
    fmt::print(stderr, "lpmsim sweep: {} variant(s) of {}, {} thread(s) × {} rank(s)\n",
               sweep.size(), a.file, jobs, transport.size());
  // Over seeds, say whether the runs vary (issue 17): without it every interval is 0.
  const auto names = grid.parameter_names();
  if (root && !a.quiet && grid.seed_parameter() >= 0 &&
      std::find(names.begin(), names.end(), "/simulation/variation") == names.end()) {
    const auto mode = spec.simulation.variation;
    fmt::print(stderr, "run-to-run variation {} over the seeds (simulation.variation {}; scenarios/README.md)\n",
               studies::varies(mode, true) ? "on" : "off",
               scenario::to_string(mode));
  }
  studies::SweepOutputs outputs{a.csv, a.jsonl, a.summary, a.quiet, a.migrations_csv};
#ifdef LPMSIM_MPI
  try {
    return studies::run_sweep(sweep, outputs, jobs, transport, std::cout,
                              root ? progress_bar(a.quiet) : nullptr);
  } catch (const studies::SweepGridError& e) {
    // Rank 0 refused its outputs (e.g. a journal of another sweep) while the others wait in a
    // collective: end them all with exit 2 instead of hanging.
    fmt::print(stderr, "lpmsim sweep: {}\n", e.what());
    if (mpi) MPI_Abort(MPI_COMM_WORLD, 2);
    return 2;
  }
#else
  return studies::run_sweep(sweep, outputs, jobs, transport, std::cout,
                            root ? progress_bar(a.quiet) : nullptr);
#endif
}

}  // namespace

CommandAction register_sweep_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "sweep", "Run a grid / random sample of scenario variants (threads, MPI, resumable)");
  auto a = std::make_shared<SweepArgs>();
  cmd->add_option("file", a->file, "base scenario file (JSON)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--grid", a->grid, "grid file: axes and/or random section (app/studies/SWEEP.md)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--set", a->set,
                  "an axis: /json/pointer=v1,v2,... or /json/pointer=A..B (repeatable)");
  cmd->add_option("--csv", a->csv, "one row per variant, in variant order");
  cmd->add_option("--jsonl", a->jsonl, "one JSON row per variant; also the resume journal");
  cmd->add_option("--summary", a->summary, "per-group statistics over seeds (CSV)");
  cmd->add_option("--migrations-csv", a->migrations_csv,
                  "one row per migration per variant (also adds per_migration to --jsonl rows)");
  cmd->add_option("--jobs,-j", a->jobs, "threads per process (default: all cores)");
  cmd->add_flag("--quiet,-q", a->quiet, "no summary, no progress bar");
  cmd->add_flag("--mpi", a->mpi,
                "initialise MPI even when not started by mpirun/mpiexec/srun (detected from their environment)");
  return [cmd, a]() {
    if (!cmd->parsed()) return -1;
    if (a->grid.empty() && a->set.empty()) {
      fmt::print(stderr, "lpmsim sweep: give --grid FILE and/or --set /pointer=values\n");
      return 2;
    }
    return exit_2_on<studies::SweepGridError>("sweep", [&] { return sweep(*a); });
  };
}

}  // namespace app::cli
