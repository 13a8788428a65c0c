// The lpmsim executable: argument parsing and exit codes, nothing else (ARCHITECTURE §5).
// Exit codes: 0 success; 1 the simulated world failed as the user asked to be told; 2 bad input;
// 3 internal error (a bug).
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fmt/core.h>

#include "app/version.hpp"
#include "sim/check.hpp"
#include "sim/engine.hpp"
#include "sim/phold.hpp"

namespace {

int run_phold(std::uint32_t lps, std::uint32_t per_lp, std::uint64_t events, std::uint64_t seed) {
  sim::Engine engine(seed);
  sim::Phold phold(engine, {.lps = lps, .initial_events_per_lp = per_lp, .max_events = events});
  phold.start();
  const auto t0 = std::chrono::steady_clock::now();
  engine.run();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print("PHOLD: {} LPs x {} initial events, seed {}\n", lps, per_lp, seed);
  fmt::print("  events committed   {}\n", phold.events_processed());
  fmt::print("  simulated time     {}\n", sim::format_time(engine.now()));
  fmt::print("  wall time          {:.3f} s\n", wall);
  fmt::print("  throughput         {:.2f} M events/s\n", static_cast<double>(phold.events_processed()) / wall / 1e6);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"lpmsim — a deterministic discrete-event simulator of PowerVM Live Partition Mobility"};
  app.set_version_flag("--version", "lpmsim " + std::string(app::version()));
  app.require_subcommand(1);

  auto* phold = app.add_subcommand("phold", "Run the engine's PHOLD self-test model and print its throughput");
  std::uint32_t lps = 1000, per_lp = 10;
  std::uint64_t events = 1'000'000, seed = 1;
  phold->add_option("--lps", lps, "logical processes")->capture_default_str()->check(CLI::Range(1u, 10'000'000u));
  phold->add_option("--initial", per_lp, "initial events per LP")->capture_default_str()->check(CLI::Range(1u, 1000u));
  phold->add_option("--events", events, "events to commit")->capture_default_str();
  phold->add_option("--seed", seed, "master seed")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    if (*phold) return run_phold(lps, per_lp, events, seed);
  } catch (const sim::CheckFailed& e) {
    std::fprintf(stderr, "lpmsim: %s\n", e.what());
    return 3;
  }
  return 0;
}
