#include "app/report/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/report/chart_kit.hpp"
#include "app/report/html_assets.hpp"
#include "app/report/html_charts.hpp"
#include "app/report/html_sections.hpp"
#include "app/report/json_sinks.hpp"
#include "app/report/report_format.hpp"
#include "app/report/verdict.hpp"

namespace app::report {
namespace {

using models::migration::MigrationOutcome;

constexpr std::size_t charts_before_fold = 12;  // more convergence charts go behind <details>

std::string header(const RunReport& r) {
  // The scenario's own description (free text) says what the run is about, under the title.
  std::string description;
  if (r.scenario.is_object() && r.scenario.contains("description") && r.scenario["description"].is_string() &&
      !r.scenario["description"].get_ref<const std::string&>().empty())
    description = R"(<div class="desc">)" + html_escape(r.scenario["description"].get<std::string>()) + "</div>";
  return fmt::format(
      R"(<header class="top"><h1>lpmsim run report</h1>{}<div class="sub"><span>scenario <b>{}</b></span>)"
      R"(<span>seed {}</span><span>simulated {}</span><span>{} events</span><span>lpmsim {}</span></div></header>)"
      "\n",
      description, html_escape(r.scenario_file.empty() ? "(unnamed)" : r.scenario_file), r.seed,
      html_escape(human_duration(r.end.since_start())), r.events_executed, html_escape(r.version));
}

std::string kpi(const std::string& value, const std::string& key, const char* tone = "") {
  return fmt::format(R"(<div class="kpi {}"><div class="v">{}</div><div class="k">{}</div></div>)",
                     tone, html_escape(value), html_escape(key));
}

std::string key_figures(const RunReport& r) {
  std::map<MigrationOutcome, int> count;
  double sent = 0;
  sim::Duration blackout = sim::Duration::zero();
  sim::Duration total = sim::Duration::zero();
  for (const auto& m : r.migrations) {
    ++count[m.outcome];
    sent += m.bytes_sent;
    if (m.blackout) blackout = std::max(blackout, *m.blackout);
    total = std::max(total, m.total());
  }
  int not_done = count[MigrationOutcome::rolled_back] + count[MigrationOutcome::failed];
  int not_converged = 0;
  sim::Duration stall = sim::Duration::zero();
  for (const auto& m : r.migrations) {
    not_converged += verdict(m).label == "Not converged" ? 1 : 0;
    if (m.postcopy_window) stall = std::max(stall, m.fault_stall);
  }
  return R"(<div class="kpis">)" + kpi(std::to_string(r.migrations.size()), "migrations") +
         kpi(std::to_string(count[MigrationOutcome::completed]), "completed", "good") +
         kpi(std::to_string(not_converged), "not converged", not_converged ? "warn" : "") +
         kpi(std::to_string(not_done), "rolled back / failed", not_done ? "bad" : "") +
         kpi(std::to_string(count[MigrationOutcome::rejected]), "rejected",
             count[MigrationOutcome::rejected] ? "warn" : "") +
         kpi(human_duration(blackout), "longest blackout") +
         kpi(human_duration(stall), "longest post-copy stall") +
         kpi(human_duration(total), "longest migration") + kpi(human_bytes(sent), "data sent") +
         kpi(std::to_string(r.faults.size()), "faults") + "</div>\n";
}

// The headline's verdicts: every migration that did not simply converge, with why and what
// limited it; one line when all did.
std::string verdicts(const RunReport& r) {
  std::string items;
  for (std::size_t i = 0; i < r.migrations.size(); ++i) {
    const auto& m = r.migrations[i];
    const Verdict v = verdict(m);
    if (v.label == "Converged" || v.label == "Moved inactive" || v.label == "Validated") continue;
    std::string limit;
    if (i < r.bottlenecks.size())
      if (const LimitShare* main = r.bottlenecks[i].main())
        limit = fmt::format(" · limited by {} ({:.0f}% of its time)", main->resource, 100 * main->share);
    items += fmt::format(R"(<li><b>{}</b> {}{}</li>)", html_escape(m.lpar), html_escape(v.text()),
                         html_escape(limit));
  }
  if (items.empty())
    return fmt::format(R"(<p class="verdicts">All {} migrations converged.</p>)",
                       r.migrations.size()) + "\n";
  return R"(<ul class="verdicts">)" + items + "</ul>\n";
}

std::string legend(const RunReport& r) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const auto& m : r.migrations)
    for (const auto& p : m.phases) seen.insert(p.name);
  for (const auto& name : phase_order())
    if (seen.count(name)) names.push_back(name);
  for (const auto& m : r.migrations)
    for (const auto& p : m.phases)
      if (std::find(names.begin(), names.end(), p.name) == names.end()) names.push_back(p.name);
  std::string out = R"(<div class="legend">)";
  for (const auto& name : names)
    out += fmt::format(R"(<span><i style="background:{}"></i>{}</span>)", phase_colour(name),
                       html_escape(name));
  out +=
      R"(<span><i style="background:#2563eb;border-right:2px solid #fff"></i>pass boundary</span>)";
  if (!r.faults.empty()) out += R"(<span><i class="dash"></i>fault</span>)";
  return out + "</div>";
}

std::string timeline_section(const RunReport& r, TimeDomain d) {
  return fmt::format(
             R"(<section class="card" id="timeline"><h2>Timeline<span class="note">{} → {}, hover for details</span></h2>)",
             html_escape(human_duration(d.t0.since_start())),
             html_escape(human_duration(d.t1.since_start()))) +
         legend(r) + R"(<div class="scroll">)" + gantt_svg(r, d) + "</div></section>\n";
}

std::string convergence_figure(std::size_t n, const models::migration::MigrationRecord& m) {
  std::string stop = m.stop ? " · stop: " + m.stop->decision.rule : "";
  return fmt::format(
             R"(<figure id="m{}"><figcaption><b>{}</b> <span class="route">{} · {} pass{}{}</span></figcaption>)",
             n, html_escape(m.lpar), html_escape(m.source + " → " + m.destination), m.passes.size(),
             m.passes.size() == 1 ? "" : "es", html_escape(stop)) +
         convergence_svg(m) + "</figure>\n";
}

std::string convergence_section(const RunReport& r) {
  std::string shown;
  std::string folded;
  std::size_t charts = 0;
  for (std::size_t i = 0; i < r.migrations.size(); ++i) {
    if (r.migrations[i].passes.empty()) continue;
    (charts++ < charts_before_fold ? shown : folded) += convergence_figure(i + 1, r.migrations[i]);
  }
  std::string out = R"(<section class="card" id="convergence"><h2>Pre-copy convergence</h2>)";
  if (charts == 0)
    return out + R"(<p class="none">No pre-copy passes were run.</p></section>)" + "\n";
  out +=
      R"(<div class="legend"><span><i style="background:#93c5fd"></i>bytes sent in the pass (left axis)</span>)"
      R"(<span><i class="line" style="background:#ea580c"></i>dirty pages remaining after the pass (right axis)</span></div>)";
  out += R"(<div class="grid3">)" + shown + "</div>";
  if (!folded.empty())
    out +=
        fmt::format(R"(<details><summary>{} more</summary><div class="grid3">{}</div></details>)",
                    charts - charts_before_fold, folded);
  return out + "</section>\n";
}

std::string percent_label(double v) { return fmt::format("{:.0f}%", v * 100); }
std::string integer_label(double v) { return fmt::format("{:.0f}", v); }

std::string step_figure(const StepSeries& s, const std::string& caption, TimeDomain d) {
  return fmt::format(R"(<figure><figcaption>{}</figcaption>)", caption) + step_chart_svg(s, d) +
         "</figure>\n";
}

std::string network_section(const RunReport& r, TimeDomain d) {
  std::map<std::string, StepSeries> links;
  std::map<std::string, double> peak;
  for (const auto& s : r.link_samples) {
    auto& series = links[s.link];
    series.name = s.link;
    series.points.emplace_back(s.at, s.utilisation);
    peak[s.link] = std::max(peak[s.link], s.throughput.value());
  }
  std::string out = R"(<section class="card" id="network"><h2>Link utilisation</h2>)";
  if (links.empty())
    return out + R"(<p class="none">No link samples were recorded.</p></section>)" + "\n";
  out += R"(<div class="grid2">)";
  for (auto& [name, series] : links) {
    series.y_max = 1.0;
    series.label = percent_label;
    std::string caption =
        fmt::format(R"(<b>{}</b> <span class="route">peak {}</span>)", html_escape(name),
                    html_escape(human_rate(sim::BytesPerSecond(peak[name]))));
    out += step_figure(series, caption, d);
  }
  return out + "</div></section>\n";
}

std::string concurrency_section(const RunReport& r, TimeDomain d) {
  if (r.msp_samples.empty() && r.hmc_queue.empty()) return "";
  std::map<std::string, StepSeries> msps;
  for (const auto& s : r.msp_samples) {
    auto& series = msps[s.system + "/" + s.msp];
    series.name = s.system + "/" + s.msp;
    series.points.emplace_back(s.at, s.active);
    series.y_max = std::max(series.y_max, static_cast<double>(s.active));
  }
  std::string out =
      R"(<section class="card" id="concurrency"><h2>Concurrency</h2><div class="grid2">)";
  if (!r.hmc_queue.empty()) {
    StepSeries queue{"HMC queue", {}, 1, integer_label, "#9333ea", true};
    for (const auto& q : r.hmc_queue) {
      queue.points.emplace_back(q.at, q.queued);
      queue.y_max = std::max(queue.y_max, static_cast<double>(q.queued));
    }
    out += step_figure(
        queue, "<b>HMC admission queue</b> <span class=\"route\">migrations waiting</span>", d);
  }
  for (auto& [name, series] : msps) {
    series.label = integer_label;
    series.colour = "#0891b2";
    series.integer = true;
    out += step_figure(
        series,
        fmt::format(R"(<b>{}</b> <span class="route">active migrations</span>)", html_escape(name)),
        d);
  }
  return out + "</div></section>\n";
}

std::string scenario_section(const RunReport& r) {
  const std::string text = sorted_json_text(r.scenario);
  return R"(<section class="card" id="parameters"><details><summary>Effective scenario (every default filled in)</summary><pre>)" +
         html_escape(text) + "</pre></details></section>\n";
}

}  // namespace

void write_html(const RunReport& r, std::ostream& out) {
  TimeDomain d = report_time_domain(r);
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>"
      << html_escape("lpmsim report — " +
                     (r.scenario_file.empty() ? std::string("run") : r.scenario_file))
      << "</title>\n<style>" << html_style() << "</style></head>\n<body>\n"
      << header(r) << "<main>\n"
      << key_figures(r) << verdicts(r) << timeline_section(r, d) << summary_table_section(r)
      << convergence_section(r) << network_section(r, d) << concurrency_section(r, d)
      << cost_section(r) << validation_section(r) << faults_section(r) << post_requisites_section(r)
      << scenario_section(r) << "</main>\n"
      << "<footer>Generated by lpmsim " << html_escape(r.version)
      << " from simulated time only: the same run gives the same file.</footer>\n"
      << "<div id=\"tip\"></div>\n<script>//<![CDATA[" << html_script()
      << "//]]></script>\n</body></html>\n";
}

}  // namespace app::report
