// The text `lpmsim verify` prints and the state graph it writes (issue 7): plans explored, the
// outcome table by fault kind × protocol point, and either "0 violations" or the minimal
// counterexample with its trace tail.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#include <fmt/core.h>
#include <ostream>
#include <set>

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

// The migration transition a mutant's bug lies on: a scenario whose plans never take it cannot
// catch that mutant (mutant.hpp).
std::pair<mm::MigrationState, mm::MigrationState> mutant_path(mm::Mutant m) {
  using S = mm::MigrationState;
  switch (m) {
    case mm::Mutant::skip_source_cleanup: return {S::completing, S::completed};
    case mm::Mutant::early_resume: return {S::suspending, S::suspended};
    case mm::Mutant::early_source_free: return {S::suspended, S::resumed};
    case mm::Mutant::ignore_msp_limit: return {S::validating, S::preparing};
    case mm::Mutant::rollback_after_resume: return {S::resumed, S::failed};
    case mm::Mutant::none: break;
  }
  return {S::requested, S::validating};
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
  write_coverage(result, out);
  if (const PlanResult* p = result.counterexample()) return write_counterexample(result, *p, out);
  out << "0 violations\n";
}

void write_verify_digest(const VerifyResult& result, std::ostream& out) {
  out << fmt::format("plans explored: {} (depth {}, {} migration{}, {} fault kinds x {} points{})\n",
                     result.plans.size(), result.depth, result.migrations, result.migrations == 1 ? "" : "s",
                     result.fault_kinds, result.points,
                     result.mutant == mm::Mutant::none ? "" : ", mutant " + std::string(mm::to_string(result.mutant)));
  // Each plan counts once per LPAR whose protocol point it hits and once per component it hits;
  // a row adds up the outcomes of every migration in those plans.
  std::map<std::string, std::map<std::string, std::size_t>> by_lpar, by_component;
  std::map<std::string, std::size_t> totals;
  for (const auto& p : result.plans) {
    std::map<std::string, std::size_t> outcomes;
    for (const auto& o : p.outcomes) {
      ++outcomes[o];
      ++totals[o];
    }
    if (p.violation) ++outcomes["VIOLATION"];
    std::set<std::string> lpars, components;
    for (const auto& f : p.faults) {
      lpars.insert(f.lpar);
      components.insert(f.plan.target);
    }
    for (const auto& who : lpars) {
      for (const auto& [o, n] : outcomes) by_lpar[who][o] += n;
    }
    for (const auto& what : components) {
      for (const auto& [o, n] : outcomes) by_component[what][o] += n;
    }
  }
  std::size_t width = 12;
  for (const auto& [k, v] : by_lpar) width = std::max(width, k.size());
  for (const auto& [k, v] : by_component) width = std::max(width, k.size());
  out << fmt::format("{:<{}}  outcomes of the plans with a fault at its protocol points\n", "per LPAR", width);
  for (const auto& [k, v] : by_lpar) out << fmt::format("{:<{}}  {}\n", k, width, counts(v));
  out << fmt::format("{:<{}}  outcomes of the plans with a fault on it\n", "per component", width);
  for (const auto& [k, v] : by_component) out << fmt::format("{:<{}}  {}\n", k, width, counts(v));
  out << fmt::format("totals: {}\n", counts(totals));
  write_coverage(result, out);
  if (const PlanResult* p = result.counterexample()) return write_counterexample(result, *p, out);
  out << "0 violations\n";
}

void write_coverage(const VerifyResult& result, std::ostream& out) {
  using S = mm::MigrationState;
  static constexpr S path[] = {S::validating, S::queued,     S::preparing,   S::precopy,    S::suspending,
                               S::suspended,  S::resumed,    S::completing,  S::completed,  S::stopping,
                               S::rolled_back, S::failed,    S::recovering,  S::recovered,  S::rejected};
  std::set<S> reached;
  for (const auto& [edge, n] : result.transitions) {
    if (n > 0) reached.insert(edge.second);
  }
  std::string yes, no;
  for (const S s : path) {
    std::string& list = reached.count(s) != 0 ? yes : no;
    list += (list.empty() ? "" : ", ") + std::string(mm::to_string(s));
  }
  out << fmt::format("coverage: plans reached {}; {}\n", yes.empty() ? "no state" : yes,
                     no.empty() ? "every state reached" : "never " + no);
  for (const mm::Mutant m : mm::all_mutants()) {
    const auto [from, to] = mutant_path(m);
    if (result.transitions.count({from, to}) != 0) continue;
    const bool this_one = m == result.mutant;
    out << fmt::format("{}: mutant {} cannot be caught on this scenario: no plan takes {} -> {}\n",
                       this_one ? "WARNING" : "note", mm::to_string(m), mm::to_string(from), mm::to_string(to));
  }
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
