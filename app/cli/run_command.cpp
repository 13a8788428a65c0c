// `lpmsim run FILE`: the main job — load the scenario, simulate it, print an lslparmigr-style
// summary, and write the report (and, on request, the trace, Perfetto JSON, HTML and CSV tables).
// Exit 0; 1 when --fail-on names an outcome that happened; 2 on bad input.
#include <malloc.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <fmt/core.h>
#include <future>
#include <memory>
#include <optional>
#include <thread>

#include "app/cli/command.hpp"
#include "app/cli/heap_prefault.hpp"
#include "app/cli/keep_until_exit.hpp"
#include "app/cli/scenario_input.hpp"
#include "app/report/csv_tables.hpp"
#include "app/report/html_report.hpp"
#include "app/report/lslparmigr_summary.hpp"
#include "app/report/output_file.hpp"
#include "app/report/perfetto_trace.hpp"
#include "app/report/report_json.hpp"
#include "app/scenario/loader.hpp"
#include "app/studies/simulation.hpp"

namespace app::cli {

using namespace sim::literals;

namespace {

struct RunArgs {
  std::string file;
  std::string report = "report.json";
  std::string trace;
  std::string perfetto;
  std::string html;
  std::string csv;
  std::string seed;
  std::vector<std::string> fail_on;
  std::vector<std::string> set;
  bool quiet = false;
  bool full_series = false;  // every link-throughput change point instead of 1 s means
  // Which outputs the command line named: the others come from the scenario's simulation.outputs.
  bool report_given = false, trace_given = false, perfetto_given = false, html_given = false;
};

// The scenario's `simulation.outputs` for every output the command line did not name; they are
// relative to the scenario's folder, which the loader has checked they do not leave.
RunArgs with_scenario_outputs(RunArgs a, const scenario::OutputsSpec& o) {
  const auto dir = std::filesystem::path(a.file).parent_path();
  const auto in_dir = [&dir](const std::string& f) { return (dir / f).string(); };
  if (!a.report_given && !o.report.empty()) a.report = in_dir(o.report);
  if (!o.trace.empty()) {
    if (o.trace_format == scenario::TraceFormat::jsonl && !a.trace_given) a.trace = in_dir(o.trace);
    if (o.trace_format == scenario::TraceFormat::perfetto && !a.perfetto_given) a.perfetto = in_dir(o.trace);
  }
  if (!a.html_given && !o.html.empty()) a.html = in_dir(o.html);
  return a;
}

// Every file the run reads or writes; an output that is an input or another output is refused
// before the simulation starts.
void check_files(const RunArgs& a, const scenario::ScenarioSpec& spec) {
  report::OutputSet files;
  files.add_input("the scenario file", a.file);
  const auto dir = std::filesystem::path(a.file).parent_path();
  for (const auto& system : spec.managed_systems)
    for (const auto& lpar : system.lpars)
      if (const auto* t = std::get_if<scenario::TraceDirtySpec>(&lpar.workload.dirty))
        files.add_input("the dirty-page trace of " + lpar.config.name, dir / t->file);
  files.add_output("the report", a.report);
  files.add_output("the trace", a.trace);
  files.add_output("the Perfetto trace", a.perfetto);
  files.add_output("the HTML report", a.html);
  if (!a.csv.empty())
    for (const char* table : {"migrations.csv", "passes.csv", "phases.csv"})
      files.add_output(std::string("the CSV table ") + table, std::filesystem::path(a.csv) / table);
  files.check();
}

// --seed: a decimal integer in [0, 2^64 - 1]; CLI11 would wrap "-1" and saturate "2^64".
std::optional<std::uint64_t> parse_seed(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  const auto res = std::from_chars(text.data(), text.data() + text.size(), value);
  if (res.ec != std::errc() || res.ptr != text.data() + text.size())
    throw std::invalid_argument("--seed: expected an integer in [0, 18446744073709551615]; found \"" +
                                scenario::printable(text, 40) + "\"");
  return value;
}

template <class Writer>
void write_output(const std::string& path, Writer&& writer) {
  if (path.empty()) return;
  report::OutputFile out(path);
  writer(out.stream());
  out.commit();
}

// A progress line on stderr, only on a terminal and only once the run has taken a second.
std::function<void(sim::Time)> progress_line(studies::Simulation* const* simulation) {
  if (isatty(STDERR_FILENO) == 0) return {};
  const auto started = std::chrono::steady_clock::now();
  return [started, simulation](sim::Time now) {
    if (std::chrono::steady_clock::now() - started < std::chrono::seconds(1)) return;
    std::size_t ended = 0;
    for (const auto& m : (*simulation)->hmc().migrations()) ended += models::migration::is_terminal(m->state()) ? 1 : 0;
    fmt::print(stderr, "\r  simulated {:>12}  migrations ended {}/{}   ", sim::format_time(now), ended,
               (*simulation)->built().requests.size());
  };
}

// The scenario as simulated, defaults filled: the report's and the HTML's "scenario".
struct EffectiveScenario {
  nlohmann::ordered_json json;
  std::string report_text;  // as the report prints it (report::scenario_report_text)
};

bool outcome_matches(const models::migration::MigrationRecord& r, const std::string& what) {
  using O = models::migration::MigrationOutcome;
  if (what == "any") return r.outcome != O::completed && r.outcome != O::validated;
  if (what == "rollback") return r.outcome == O::rolled_back;
  if (what == "failure") return r.outcome == O::failed || r.outcome == O::recovered;
  if (what == "rejected") return r.outcome == O::rejected;
  if (what == "pending") return r.outcome == O::pending;
  return false;
}

int run(const RunArgs& args) {
  const HeapPrefault prefault;  // from the load to the last output
  auto loaded = load_scenario_or_report(args.file, args.set);
  if (!loaded) return 2;
  const scenario::ScenarioSpec& spec = *loaded;
  const RunArgs a = with_scenario_outputs(args, spec.simulation.outputs);
  check_files(a, spec);
  std::optional<report::OutputFile> trace_file;
  studies::RunOptions options;
  options.seed = parse_seed(a.seed);
  if (a.full_series) options.series_resolution = sim::Duration::zero();
  if (!a.trace.empty()) {
    trace_file.emplace(a.trace);
    options.jsonl_trace = &trace_file->stream();
  }
  studies::Simulation* current = nullptr;
  if (!a.quiet) options.progress = progress_line(&current);
  options.progress_every = 10_s;
  report::RunReport result;
  std::unique_ptr<studies::Simulation> simulation;
  try {
    simulation = std::make_unique<studies::Simulation>(spec, std::filesystem::path(a.file).parent_path(), options);
    current = simulation.get();
    result = simulation->run();
  } catch (const scenario::ScenarioError& e) {
    print_diagnostics(e, a.file);
    return 2;
  }
  if (options.progress) fmt::print(stderr, "\r{:>70}\r", "");
  if (trace_file) trace_file->commit();
  result.scenario_file = a.file;
  // The outputs need the simulation no more, and the effective scenario only at the report's end:
  // a second thread frees the simulation and then builds the scenario (to_json, then its report
  // text) while this one prints the summary and the report's migrations and series (at 100 000
  // LPARs 1 s of frees, 0.8 s of to_json and the text off a 6.7 s tail). One arena for all
  // threads (HeapPrefault asks for it too), so that the scenario and the report's blocks reuse
  // the simulation's freed memory: in an arena of its own each thread took fresh pages (peak 2.3
  // -> 3.1 GB at 100 000 LPARs, and first-touch page faults cost more than the frees saved).
  ::mallopt(M_ARENA_MAX, 1);
  std::promise<EffectiveScenario> promised;
  std::future<EffectiveScenario> effective = promised.get_future();
  std::jthread tail([&spec, &promised, text = !a.report.empty(), done = std::move(simulation)]() mutable {
    done.reset();
    try {
      EffectiveScenario e{scenario::to_json(spec), {}};
      if (text) e.report_text = report::scenario_report_text(e.json);
      promised.set_value(std::move(e));
    } catch (...) {
      promised.set_exception(std::current_exception());
    }
  });
  std::optional<EffectiveScenario> scenario_parts;
  const auto effective_scenario = [&]() -> EffectiveScenario& {
    if (!scenario_parts) scenario_parts.emplace(effective.get());
    return *scenario_parts;
  };
  if (!a.quiet) report::write_lslparmigr_summary(result, std::cout);
  write_output(a.report, [&](std::ostream& out) {
    report::write_report_json(result, out, [&] { return std::move(effective_scenario().report_text); });
  });
  result.scenario = std::move(effective_scenario().json);
  write_output(a.perfetto, [&](std::ostream& out) { report::write_perfetto(result, out); });
  write_output(a.html, [&](std::ostream& out) { report::write_html(result, out); });
  if (!a.csv.empty()) report::write_csv(result, a.csv);
  int code = 0;
  for (const auto& m : result.migrations) {
    for (const auto& what : a.fail_on) {
      if (outcome_matches(m, what)) code = 1;
    }
  }
  tail.join();
  keep_until_exit(std::move(result));
  keep_until_exit(std::move(scenario_parts));
  keep_until_exit(std::move(*loaded));
  return code;
}

}  // namespace

CommandAction register_run_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("run", "Simulate a scenario: print an lslparmigr-style summary and write the report");
  auto a = std::make_shared<RunArgs>();
  cmd->add_option("file", a->file, "scenario file (JSON)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--report", a->report, "report JSON (empty: none)")->capture_default_str();
  cmd->add_option("--trace", a->trace, "every trace record as JSON Lines");
  cmd->add_option("--perfetto", a->perfetto, "Chrome trace-event JSON for Perfetto / chrome://tracing");
  cmd->add_option("--html", a->html, "self-contained HTML report");
  cmd->add_option("--csv", a->csv, "directory for migrations.csv, passes.csv and phases.csv");
  cmd->add_option("--seed", a->seed, "override the scenario's seed");
  cmd->add_option("--fail-on", a->fail_on, "exit 1 if a migration ends so: any, rollback, failure, rejected, pending")
      ->check(CLI::IsMember({"any", "rollback", "failure", "rejected", "pending"}));
  cmd->add_option("--set", a->set,
                  "what-if: /json/pointer=value patches the scenario first (\"*\" = every element, "
                  "e.g. /network/links/*/bandwidth=25Gbit/s); repeatable");
  cmd->add_flag("--quiet,-q", a->quiet, "no summary, no progress line");
  cmd->add_flag("--full-series", a->full_series,
                "keep every link-throughput change in the report (default: the mean per link per 1 s of simulated time)");
  return [cmd, a]() {
    if (!cmd->parsed()) return -1;
    a->report_given = cmd->count("--report") > 0;
    a->trace_given = cmd->count("--trace") > 0;
    a->perfetto_given = cmd->count("--perfetto") > 0;
    a->html_given = cmd->count("--html") > 0;
    return exit_2_on<std::invalid_argument>("run", [&] { return run(*a); });
  };
}

}  // namespace app::cli
