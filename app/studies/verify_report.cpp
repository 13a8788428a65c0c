// The text `lpmsim verify` prints and the state graph it writes (issue 7): plans explored, the
// outcome table by fault kind × protocol point, and either "0 violations" or the minimal
// counterexample with its trace tail.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#include <fmt/core.h>
#include <ostream>

#include "app/studies/verify.hpp"

namespace app::studies {

namespace mm = models::migration;

namespace {

std::string plan_label(const PlanResult& p) {
  if (p.faults.empty()) return "no fault (the baseline run)";
  std::string s;
  for (const auto& f : p.faults) s += (s.empty() ? "" : " + ") + f.kind + " @ " + f.point;
  return s;
}

std::string row_key(const PlanResult& p) {
  if (p.faults.empty()) return "(no fault)";
  if (p.faults.size() == 1) return p.faults.front().kind + " @ " + p.faults.front().point;
  std::string s;
  for (const auto& f : p.faults) s += (s.empty() ? "" : " + ") + f.kind;
  return s;
}

std::string counts(const std::map<std::string, std::size_t>& c) {
  std::string s;
  for (const auto& [outcome, n] : c) s += (s.empty() ? "" : ", ") + outcome + " " + std::to_string(n);
  return s;
}

void write_counterexample(const VerifyResult& result, const PlanResult& p, std::ostream& out) {
  const mm::Violation& v = *p.violation;
  out << fmt::format("{} violation{} — minimal counterexample:\n", result.violations(), result.violations() == 1 ? "" : "s");
  out << fmt::format("  plan: {}\n", plan_label(p));
  out << fmt::format("  invariant {} ({}) violated at {} in {}:\n    {}\n", v.invariant, v.name,
                     sim::format_time(v.at), v.migration, v.message);
  out << fmt::format("  last {} trace records:\n", v.trace_tail.size());
  for (const auto& r : v.trace_tail) out << "    " << sim::to_json_line(r) << "\n";
}

}  // namespace

void write_verify_summary(const VerifyResult& result, std::ostream& out) {
  out << fmt::format("plans explored: {} (depth {}, {} migration{}, {} fault kinds x {} points{})\n",
                     result.plans.size(), result.depth, result.migrations, result.migrations == 1 ? "" : "s",
                     result.fault_kinds, result.points,
                     result.mutant == mm::Mutant::none ? "" : ", mutant " + std::string(mm::to_string(result.mutant)));
  // Rows in first-appearance (plan) order; outcomes per migration counted.
  std::vector<std::string> rows;
  std::map<std::string, std::map<std::string, std::size_t>> table;
  std::map<std::string, std::size_t> totals;
  for (const auto& p : result.plans) {
    const std::string key = row_key(p);
    if (table.find(key) == table.end()) rows.push_back(key);
    auto& row = table[key];
    for (const auto& o : p.outcomes) {
      ++row[o];
      ++totals[o];
    }
    if (p.violation) ++row["VIOLATION"];
  }
  std::size_t width = 20;
  for (const auto& r : rows) width = std::max(width, r.size());
  out << fmt::format("{:<{}}  outcomes\n", "fault @ point", width);
  for (const auto& r : rows) out << fmt::format("{:<{}}  {}\n", r, width, counts(table[r]));
  out << fmt::format("totals: {}\n", counts(totals));
  if (const PlanResult* p = result.counterexample()) return write_counterexample(result, *p, out);
  out << "0 violations\n";
}

// GCC 12 sees Boost's edge iterator (a boost::optional) as maybe-uninitialized: a known false
// positive of Boost.Graph's adj_list_edge_iterator, silenced for this function only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
void write_state_graph(const VerifyResult& result, std::ostream& out) {
  struct State {
    std::string label;
  };
  struct Transition {
    std::string label;  // how often it was taken over all plans
  };
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, State, Transition>;
  Graph g;
  std::map<mm::MigrationState, Graph::vertex_descriptor> vertices;
  auto vertex = [&](mm::MigrationState s) {
    const auto it = vertices.find(s);
    if (it != vertices.end()) return it->second;
    return vertices[s] = boost::add_vertex(State{std::string(mm::to_string(s))}, g);
  };
  for (const auto& [edge, n] : result.transitions) {
    const auto a = vertex(edge.first);
    const auto b = vertex(edge.second);
    boost::add_edge(a, b, Transition{std::to_string(n)}, g);
  }
  boost::write_graphviz(out, g, boost::make_label_writer(boost::get(&State::label, g)),
                        boost::make_label_writer(boost::get(&Transition::label, g)));
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

}  // namespace app::studies
