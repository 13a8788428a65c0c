#include "app/report/html_sections.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "app/report/chart_kit.hpp"
#include "app/report/report_format.hpp"

namespace app::report {
namespace {

using models::migration::MigrationRecord;

// A cell with its sort key; numbers sort numerically in the page's script.
std::string cell(const std::string& html, const std::string& sort_key, bool numeric = false) {
  return fmt::format(R"(<td{} data-sort="{}">{}</td>)", numeric ? R"( class="num")" : "",
                     html_escape(sort_key), html);
}

std::string text_cell(const std::string& text) { return cell(html_escape(text), text); }

// Routes and MSP pairs read as one unit; never break them at the arrow.
std::string nowrap_cell(const std::string& text) {
  return fmt::format(R"(<td class="nw" data-sort="{0}">{0}</td>)", html_escape(text));
}

std::string duration_cell(const std::optional<sim::Duration>& d) {
  if (!d) return cell("–", "-1", true);
  return cell(html_escape(human_duration(*d)), std::to_string(d->ns()), true);
}

std::string badge(std::string_view key, const std::string& label) {
  return fmt::format(R"(<span class="badge b-{}">{}</span>)", key, html_escape(label));
}

std::string summary_row(std::size_t n, const MigrationRecord& m) {
  std::string lpar = html_escape(m.lpar);
  if (!m.passes.empty()) lpar = fmt::format(R"(<a href="#m{}">{}</a>)", n, lpar);
  std::string msps =
      m.source_msp.empty() && m.dest_msp.empty() ? "–" : m.source_msp + " → " + m.dest_msp;
  std::string outcome = badge(outcome_key(m.outcome), outcome_label(m));
  if (!m.outcome_detail.empty())
    outcome += fmt::format(R"(<div class="detail">{}</div>)", html_escape(m.outcome_detail));
  // Redundant MSP pairs (§5.4): each pair with the bytes it carried, and a failover where one failed.
  std::string msp_cell = fmt::format(R"(<td class="nw" data-sort="{0}">{0})", html_escape(msps));
  if (m.msp_pairs.size() > 1 || (m.msp_pairs.size() == 1 && m.msp_pairs.front().failed_at)) {
    msp_cell = fmt::format(R"(<td class="nw" data-sort="{}">)", html_escape(msps));
    const bool survivor =
        std::any_of(m.msp_pairs.begin(), m.msp_pairs.end(), [](const auto& p) { return !p.failed_at.has_value(); });
    for (const auto& p : m.msp_pairs) {
      msp_cell += fmt::format(R"(<div class="pair">{} → {}: {}</div>)", html_escape(p.source_msp),
                              html_escape(p.dest_msp), html_escape(human_bytes(p.bytes)));
      if (p.failed_at)
        msp_cell += fmt::format(R"(<div class="detail">failed at {}: {}{}</div>)",
                                html_escape(human_duration(p.failed_at->since_start())), html_escape(p.failure),
                                survivor ? "; the stream failed over to the surviving pair" : "");
    }
  }
  msp_cell += "</td>";
  return fmt::format(R"(<tr id="row{}">)", n) + cell(std::to_string(n), std::to_string(n), true) +
         cell(lpar, m.lpar) + nowrap_cell(m.source + " → " + m.destination) + msp_cell +
         cell(outcome, std::string(outcome_key(m.outcome))) +
         cell(html_escape(human_duration(m.requested.since_start())),
              std::to_string(m.requested.ns()), true) +
         duration_cell(m.total()) + duration_cell(m.blackout) + duration_cell(m.postcopy_window) +
         cell(html_escape(human_bytes(m.bytes_sent)), exact_number(m.bytes_sent), true) +
         cell(std::to_string(m.passes.size()), std::to_string(m.passes.size()), true) +
         cell(html_escape(human_count(m.remote_faults)), exact_number(m.remote_faults), true) +
         "</tr>\n";
}

}  // namespace

std::string summary_table_section(const RunReport& r) {
  std::string out =
      R"(<section class="card" id="summary"><h2>Migrations<span class="note">click a column to sort</span></h2>)";
  if (r.migrations.empty())
    return out + R"(<p class="none">No migrations were requested.</p></section>)";
  out +=
      R"(<div class="scroll"><table class="sortable"><thead><tr><th class="num">#</th><th>LPAR</th>)"
      R"(<th>Source → destination</th><th>MSPs</th><th>Outcome</th><th class="num">Requested</th>)"
      R"(<th class="num">Total</th><th class="num">Blackout</th><th class="num">Post-copy</th>)"
      R"(<th class="num">Data sent</th><th class="num">Passes</th><th class="num">Remote faults</th>)"
      "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < r.migrations.size(); ++i) out += summary_row(i + 1, r.migrations[i]);
  return out + "</tbody></table></div></section>\n";
}

std::string validation_section(const RunReport& r) {
  std::string rows;
  for (std::size_t i = 0; i < r.migrations.size(); ++i) {
    const auto& m = r.migrations[i];
    for (const auto& v : m.validation) {
      rows += "<tr>" + cell(std::to_string(i + 1), std::to_string(i + 1), true) +
              text_cell(m.lpar) + cell("<code>" + html_escape(v.code) + "</code>", v.code) +
              cell(badge(severity_key(v.severity), std::string(severity_key(v.severity))),
                   std::string(severity_key(v.severity))) +
              text_cell(v.text) + text_cell(v.overridden ? "overridden" : "–") + "</tr>\n";
    }
  }
  std::string out = R"(<section class="card" id="validation"><h2>Validation messages</h2>)";
  if (rows.empty()) return out + R"(<p class="none">No validation messages.</p></section>)" + "\n";
  return out +
         R"(<div class="scroll"><table class="sortable"><thead><tr><th class="num">#</th><th>LPAR</th>)"
         R"(<th>Code</th><th>Severity</th><th>Message</th><th>Override</th></tr></thead><tbody>)" +
         "\n" + rows + "</tbody></table></div></section>\n";
}

std::string faults_section(const RunReport& r) {
  std::string out = R"(<section class="card" id="faults"><h2>Faults</h2>)";
  if (r.faults.empty())
    return out + R"(<p class="none">No faults were injected.</p></section>)" + "\n";
  out +=
      R"(<div class="scroll"><table class="sortable"><thead><tr><th class="num">Time</th><th>Kind</th>)"
      R"(<th>Target</th><th>Detail</th></tr></thead><tbody>)"
      "\n";
  for (const auto& f : r.faults) {
    out += "<tr>" +
           cell(html_escape(human_duration(f.at.since_start())), std::to_string(f.at.ns()), true) +
           cell("<code>" + html_escape(f.kind) + "</code>", f.kind) + text_cell(f.target) +
           text_cell(f.detail) + "</tr>\n";
  }
  return out + "</tbody></table></div></section>\n";
}

// What each migration cost (issue 20): mover CPU, memory held twice, energy, application impact.
std::string cost_section(const RunReport& r) {
  std::string rows;
  for (std::size_t i = 0; i < r.migrations.size(); ++i) {
    const auto& m = r.migrations[i];
    const auto& c = m.cost;
    if (m.passes.empty()) continue;
    std::string links;
    for (const auto& l : c.link_bytes) links += (links.empty() ? "" : ", ") + l.link + " " + human_bytes(l.bytes);
    rows += "<tr>" + cell(std::to_string(i + 1), std::to_string(i + 1), true) + text_cell(m.lpar) +
            cell(fmt::format("{:.1f} / {:.1f}", c.source_msp_cpu_seconds, c.dest_msp_cpu_seconds),
                 exact_number(c.msp_cpu_seconds()), true) +
            text_cell(links) +
            cell(html_escape(human_bytes(c.memory_held_twice.as_double()) + " for " + human_duration(c.held_twice)),
                 std::to_string(c.held_twice.ns()), true) +
            cell(fmt::format("{:.1f} kJ", c.energy_joules() / 1000), exact_number(c.energy_joules()), true) +
            cell(fmt::format("{:.1f}", c.throttled_cpu_seconds), exact_number(c.throttled_cpu_seconds), true) +
            duration_cell(c.postcopy_stall) +
            cell(fmt::format("{:.1f}", c.app_impact_cpu_seconds()), exact_number(c.app_impact_cpu_seconds()), true) +
            "</tr>\n";
  }
  if (rows.empty()) return "";
  return R"(<section class="card" id="cost"><h2>Cost<span class="note">mover CPU from bytes ÷ per-CPU rate; )"
         R"(energy from each system's power model</span></h2>)"
         R"(<div class="scroll"><table class="sortable"><thead><tr><th class="num">#</th><th>LPAR</th>)"
         R"(<th class="num">MSP CPU-s (src / dst)</th><th>Bytes per link</th><th class="num">Memory held twice</th>)"
         R"(<th class="num">Energy</th><th class="num">Throttled CPU-s</th><th class="num">Post-copy stall</th>)"
         R"(<th class="num">App impact CPU-s</th></tr></thead><tbody>)"
         "\n" +
         rows + "</tbody></table></div></section>\n";
}

std::string post_requisites_section(const RunReport& r) {
  std::string items;
  for (const auto& m : r.migrations) {
    for (const auto& p : m.post_requisites)
      items += fmt::format("<li><b>{}</b>: {}</li>\n", html_escape(m.lpar), html_escape(p));
  }
  if (items.empty()) return "";
  return R"(<section class="card" id="post"><h2>Post-requisite tasks</h2><ul>)"
         "\n" +
         items + "</ul></section>\n";
}

}  // namespace app::report
