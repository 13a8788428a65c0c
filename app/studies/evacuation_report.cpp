// Console and Markdown views of an EvacuationPlan.
#include "app/studies/evacuation_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <ostream>

#include "app/report/report_format.hpp"
#include "app/version.hpp"

namespace app::studies {

namespace {

std::string gib(double bytes) { return fmt::format("{:g} GiB", bytes / double(1LL << 30)); }
std::string hms(double s) {
  const auto t = static_cast<long long>(s + 0.5);
  return fmt::format("{}:{:02d}:{:02d}", t / 3600, static_cast<int>(t / 60 % 60),
                     static_cast<int>(t % 60));
}

std::string bounds(const EvacuationOptions& o) {
  std::vector<std::string> b;
  if (o.max_blackout) b.push_back("blackout ≤ " + report::human_seconds(o.max_blackout->seconds()));
  if (o.max_stall) b.push_back("post-copy stall ≤ " + report::human_seconds(o.max_stall->seconds()));
  if (o.max_postcopy) b.push_back("post-copy ≤ " + report::human_seconds(o.max_postcopy->seconds()));
  return b.empty() ? "no bound on blackout or post-copy" : fmt::format("{}", fmt::join(b, ", "));
}

std::string verdict_line(const EvacuationPlan& plan) {
  const auto left = plan.left_behind();
  const auto& b = plan.best;
  if (b.migrations.empty())
    return fmt::format("{} can NOT be emptied: no LPAR has a destination", plan.system);
  if (left.empty())
    return fmt::format("{} is empty after {:.1f}s ({})", plan.system, b.makespan_s,
                       hms(b.makespan_s));
  return fmt::format("{} is NOT empty: {} partition{} left behind (below); the rest moved by {:.1f}s",
                     plan.system, left.size(), left.size() == 1 ? "" : "s", b.makespan_s);
}

void write_placement(const EvacuationPlan& plan, std::ostream& out) {
  std::size_t w = 4;
  for (const auto& p : plan.placements) w = std::max(w, p.lpar.size());
  out << fmt::format("Destinations (HMC validation, -o v, of each LPAR against each candidate):\n");
  for (const auto& p : plan.placements) {
    std::vector<std::string> refused;
    for (const auto& c : p.checks)
      if (!c.ok()) refused.push_back(c.destination + ": " + c.errors.front());
    out << fmt::format("  {:<{}}  {:>8}  → {}\n", p.lpar, w, gib(p.memory_bytes),
                       p.destination.empty() ? "NONE" : p.destination);
    for (const auto& r : refused) out << fmt::format("  {:<{}}            not {}\n", "", w, r);
  }
}

}  // namespace

void write_plan_text(const EvacuationPlan& plan, const PlanContext& ctx, std::ostream& out) {
  const auto& o = ctx.options;
  write_placement(plan, out);
  out << fmt::format("\n{} candidate plans simulated (orders × concurrency {}), bounds: {}\n",
                     plan.candidates.size(), fmt::join(o.concurrency, "/"), bounds(o));
  for (const auto& c : plan.candidates)
    out << fmt::format(
        "  {:<26} concurrency {:>2}  makespan {:>8.1f}s  max blackout {:>8}  max stall {:>10}  "
        "MSP CPU {:>7.0f}s  energy {:>8.1f} kJ  app impact {:>7.1f} CPU-s{}\n",
        c.order, c.concurrency, c.makespan_s, report::human_seconds(c.max_blackout_s), report::human_seconds(c.max_stall_s), c.msp_cpu_s,
        c.energy_j / 1000, c.app_impact_cpu_s,
        c.feasible() ? ""
                     : fmt::format("  ({} not moved, {} over a bound)", c.not_completed,
                                   c.over_bound));
  const auto& b = plan.best;
  out << '\n';
  if (!b.migrations.empty()) {
    out << fmt::format("plan: {}, at most {} migration(s) per MSP pair{}\n", b.order,
                       b.concurrency, b.feasible() ? "" : " — NO plan meets every bound");
    out << fmt::format("cost: MSP CPU {:.0f} CPU-s, energy added {:.1f} kJ, application impact {:.1f} "
                       "CPU-s (throttling + post-copy stall)\n",
                       b.msp_cpu_s, b.energy_j / 1000, b.app_impact_cpu_s);
    out << fmt::format(
        "# set cfg_msp_lpm_ops={} on every MSP (chdev -dev vioslpm0) and run in this order:\n",
        b.concurrency);
    std::size_t w = 0;
    for (const auto& m : b.migrations) w = std::max(w, m.command.size());
    const double scale = b.makespan_s > 0 ? 40.0 / b.makespan_s : 0;
    for (const auto& m : b.migrations) {
      const auto from = static_cast<int>(m.start_s * scale);
      const auto to = std::max(from + 1, static_cast<int>(m.end_s * scale));
      out << fmt::format(
          "{:<{}} # {:>7.1f}s → {:>7.1f}s  blackout {:>8}  stall {:>10}  |{}{}{}|{}\n", m.command,
          w, m.start_s, m.end_s, report::human_seconds(m.blackout_s), report::human_seconds(m.stall_s),
          std::string(static_cast<std::size_t>(std::min(from, 40)), ' '),
          std::string(static_cast<std::size_t>(std::min(to, 40) - std::min(from, 40)), '#'),
          std::string(static_cast<std::size_t>(std::max(0, 40 - to)), ' '),
          !m.completed       ? " NOT MOVED"
          : !m.over.empty() ? " OVER: " + fmt::format("{}", fmt::join(m.over, ", "))
          : m.verdict != "Converged" ? " " + m.verdict
                             : "");
    }
  }
  out << '\n' << verdict_line(plan) << '\n';
  for (const auto& l : plan.left_behind()) out << fmt::format("  left behind: {}: {}\n", l.lpar, l.reason);
  for (const auto& m : b.migrations)
    if (m.completed && !m.over.empty())
      out << fmt::format("  over a bound: {}: {}\n", m.lpar, fmt::join(m.over, ", "));
}

void write_plan_markdown(const EvacuationPlan& plan, const PlanContext& ctx, std::ostream& out) {
  const auto& o = ctx.options;
  const auto& b = plan.best;
  out << fmt::format("# Change: evacuate managed system {}\n\n", plan.system);
  out << fmt::format(
      "Predicted by lpmsim {} from `{}` (seed {}); bounds: {}.\n\n", app::version(),
      ctx.scenario_file, ctx.seed, bounds(o));
  out << "## Window\n\n";
  out << fmt::format("- {}.\n", verdict_line(plan));
  if (!b.migrations.empty())
    out << fmt::format(
        "- Order `{}`, at most {} migration(s) per MSP pair; the last migration ends {} after "
        "the first request.\n- Longest blackout {}, longest post-copy stall {}, longest "
        "post-copy {}.\n- Cost: MSP CPU {:.0f} CPU-s, energy added {:.1f} kJ, application impact "
        "{:.1f} CPU-s (throttling + post-copy stall).\n",
        b.order, b.concurrency, hms(b.makespan_s), report::human_seconds(b.max_blackout_s), report::human_seconds(b.max_stall_s),
        report::human_seconds(b.max_postcopy_s), b.msp_cpu_s, b.energy_j / 1000, b.app_impact_cpu_s);
  out << "\n## Pre-checks (HMC validation, run before the window)\n\n```\n";
  for (const auto& m : b.migrations) {
    std::string v = m.command;
    v.replace(v.find("-o m"), 4, "-o v");
    out << v << '\n';
  }
  out << "```\n\nEach must end without an error; lpmsim's own validation of each LPAR against "
         "each destination:\n\n| LPAR | Memory | Destination | Refused by |\n|---|---|---|---|\n";
  for (const auto& p : plan.placements) {
    std::vector<std::string> refused;
    for (const auto& c : p.checks)
      if (!c.ok()) refused.push_back(c.destination + ": " + c.errors.front());
    out << fmt::format("| {} | {} | {} | {} |\n", p.lpar, gib(p.memory_bytes),
                       p.destination.empty() ? "none" : p.destination,
                       refused.empty() ? "-" : fmt::format("{}", fmt::join(refused, "<br>")));
  }
  out << "\n## MSP settings\n\n";
  if (!b.migrations.empty()) {
    std::vector<std::string> msps;
    for (const auto& m : b.migrations)
      for (const auto* name : {&m.source_msp, &m.dest_msp})
        if (!name->empty() && std::find(msps.begin(), msps.end(), *name) == msps.end())
          msps.push_back(*name);
    out << fmt::format(
        "On each of {}: `chdev -dev vioslpm0 -attr cfg_msp_lpm_ops={}` (and back to its old value "
        "afterwards). The commands below pin each migration's MSP pair.\n",
        fmt::join(msps, ", "), b.concurrency);
  }
  out << "\n## Order and predicted times\n\n"
         "| # | Command | Start | End | Blackout | Post-copy stall | Post-copy | Result |\n"
         "|---|---|---|---|---|---|---|---|\n";
  int n = 0;
  for (const auto& m : b.migrations)
    out << fmt::format("| {} | `{}` | {} | {} | {} | {} | {} | {} |\n", ++n, m.command,
                       hms(m.start_s), hms(m.end_s), report::human_seconds(m.blackout_s), report::human_seconds(m.stall_s),
                       report::human_seconds(m.postcopy_s),
                       !m.completed       ? "NOT MOVED: " + m.why
                       : !m.over.empty() ? fmt::format("over: {}", fmt::join(m.over, ", "))
                                          : "moved, " + m.verdict);
  const auto left = plan.left_behind();
  out << "\n## Left behind\n\n";
  if (left.empty()) out << fmt::format("None: {} is empty.\n", plan.system);
  for (const auto& l : left) out << fmt::format("- **{}**: {}\n", l.lpar, l.reason);
  out << fmt::format(
      "\n## Rollback\n\n"
      "- A migration not yet suspended: `migrlpar -o s -m {0} -p LPAR` stops it; the LPAR keeps "
      "running on {0} and the destination is cleaned up.\n"
      "- A migration that failed past the suspend point (state Migration Recovery Required): "
      "`migrlpar -o r -m {0} -p LPAR` (add `--force` if the HMC lost a system).\n"
      "- After the window: move each LPAR back with `migrlpar -o m -m DESTINATION -t {0} -p "
      "LPAR` and restore cfg_msp_lpm_ops on the MSPs.\n",
      plan.system);
}

}  // namespace app::studies
