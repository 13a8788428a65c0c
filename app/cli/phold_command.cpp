// `lpmsim phold`: the engine's PHOLD self-test model with a throughput summary.
#include <chrono>
#include <fmt/core.h>

#include "app/cli/command.hpp"
#include "sim/engine.hpp"
#include "sim/phold.hpp"

namespace app::cli {

namespace {
struct PholdOptions {
  std::uint32_t lps = 1000;
  std::uint32_t per_lp = 10;
  std::uint64_t events = 1'000'000;
  std::uint64_t seed = 1;
};

int run_phold(const PholdOptions& o) {
  sim::Engine engine(o.seed);
  sim::Phold phold(engine, {.lps = o.lps, .initial_events_per_lp = o.per_lp, .max_events = o.events});
  phold.start();
  const auto t0 = std::chrono::steady_clock::now();
  engine.run();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print("PHOLD: {} LPs x {} initial events, seed {}\n", o.lps, o.per_lp, o.seed);
  fmt::print("  events committed   {}\n", phold.events_processed());
  fmt::print("  simulated time     {}\n", sim::format_time(engine.now()));
  fmt::print("  wall time          {:.3f} s\n", wall);
  fmt::print("  throughput         {:.2f} M events/s\n", static_cast<double>(phold.events_processed()) / wall / 1e6);
  return 0;
}
}  // namespace

CommandAction register_phold_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("phold", "Run the engine's PHOLD self-test model and print its throughput");
  auto o = std::make_shared<PholdOptions>();
  cmd->add_option("--lps", o->lps, "logical processes")->capture_default_str()->check(CLI::Range(1u, 10'000'000u));
  cmd->add_option("--initial", o->per_lp, "initial events per LP")->capture_default_str()->check(CLI::Range(1u, 1000u));
  cmd->add_option("--events", o->events, "events to commit")->capture_default_str();
  cmd->add_option("--seed", o->seed, "master seed")->capture_default_str();
  return [cmd, o]() { return cmd->parsed() ? run_phold(*o) : -1; };
}

}  // namespace app::cli
