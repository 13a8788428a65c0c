// Sweep execution: variants are real patched scenarios, 1/2/4 threads give identical rows, JSON
// Lines rows round-trip exactly, the journal resumes after a torn line, and group statistics
// (mean, p50, p95, max, Student-t CI) are right.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "app/report/report_json.hpp"
#include "app/scenario/loader.hpp"
#include "app/studies/simulation.hpp"
#include "app/studies/sweep_driver.hpp"
#include "app/studies/sweep_grid.hpp"
#include "app/studies/sweep_results.hpp"
#include "app/studies/sweep_runner.hpp"

using namespace app::studies;
using nlohmann::json;

namespace {

Sweep quickstart_sweep(std::vector<GridAxis> axes) {
  SweepGrid g;
  for (auto& a : axes) g.add_axis(std::move(a));
  const auto spec = app::scenario::load_scenario_file("scenarios/quickstart.json");
  return Sweep(app::scenario::to_json(spec), "scenarios", "scenarios/quickstart.json", g);
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string rows_text(const Sweep& sweep, const std::vector<VariantResult>& rows) {
  std::string s;
  for (const auto& r : rows) s += to_jsonl_row(r, sweep.grid().parameter_names()) + "\n";
  return s;
}

}  // namespace

TEST_CASE("variants patch the scenario: more bandwidth, shorter migration") {
  const auto sweep =
      quickstart_sweep({GridAxis{"/network/links/0/bandwidth", {"10Gbit/s", "25Gbit/s"}},
                        GridAxis{"/network/links/1/bandwidth", {"10Gbit/s", "25Gbit/s"}}});
  CHECK(sweep.variant_spec(3).network.links[0].config.bandwidth.bits_per_second() ==
        doctest::Approx(25e9));
  const auto rows = sweep.run_batch({0, 1, 2, 3}, 1);
  REQUIRE(rows.size() == 4);
  for (const auto& r : rows) {
    CHECK(r.migrations == 1);
    CHECK(r.completed == 1);
    CHECK(r.error.empty());
    CHECK(r.max_blackout_s > 0);
    CHECK(r.total_bytes > 64.0 * (1 << 30) * 0.8 * 0.95 * 0.5);
  }
  CHECK(rows[3].max_total_s < rows[0].max_total_s);
  CHECK(rows[1].max_total_s ==
        doctest::Approx(rows[0].max_total_s));  // bottleneck is still 10 Gbit/s
}

TEST_CASE("1, 2 and 4 threads give identical rows") {
  const auto sweep =
      quickstart_sweep({GridAxis{"/network/links/0/bandwidth", {"5Gbit/s", "25Gbit/s"}},
                        GridAxis{"/simulation/seed", {1, 2, 3, 4, 5}}});
  std::vector<std::size_t> all(sweep.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const auto one = rows_text(sweep, sweep.run_batch(all, 1));
  CHECK(one == rows_text(sweep, sweep.run_batch(all, 2)));
  CHECK(one == rows_text(sweep, sweep.run_batch(all, 4)));
}

TEST_CASE("SweepRunner: prefixes in order, rows formatted on the threads, any claim order") {
  const auto sweep =
      quickstart_sweep({GridAxis{"/network/links/0/bandwidth", {"5Gbit/s", "fast", "25Gbit/s"}},
                        GridAxis{"/simulation/seed", {1, 2, 3}}});
  const std::vector<std::size_t> order{8, 0, 4, 1, 7, 2, 6, 3, 5};  // not variant order
  const auto names = sweep.grid().parameter_names();
  const auto expected = sweep.run_batch(order, 1);
  SweepRunner runner(sweep, order, 3, [&](const VariantResult& r) { return to_jsonl_row(r, names); });
  runner.wait_for(4);
  for (std::size_t k = 0; k < 4; ++k) CHECK(runner.result(k) == expected[k]);
  runner.wait_for(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    CHECK(runner.result(k) == expected[k]);
    CHECK(runner.text(k) == to_jsonl_row(expected[k], names));
  }
  CHECK_FALSE(expected[2].error.empty());  // variant 4 ("fast") is an error row, in its place
}

TEST_CASE(
    "an invalid variant value becomes an error row; a pointer not in the scenario is refused") {
  const auto bad = quickstart_sweep({GridAxis{"/network/links/0/bandwidth", {"fast"}}});
  const auto rows = bad.run_batch({0}, 1);
  CHECK(rows[0].error.find("/network/links/0/bandwidth") != std::string::npos);
  const auto typo = quickstart_sweep({GridAxis{"/network/linx/0/bandwidth", {"1Gbit/s"}}});
  CHECK_THROWS_AS(typo.variant_spec(0), SweepGridError);
}

TEST_CASE("issue 17: a rate of 400000pages/s is written back as written, not as 4e+05") {
  auto spec = app::scenario::load_scenario_file("scenarios/quickstart.json");
  auto& dirty = std::get<app::scenario::HotColdDirtySpec>(spec.managed_systems[0].lpars[0].workload.dirty);
  dirty.hot_write_rate.value = 400000;
  const auto doc = app::scenario::to_json(spec);
  CHECK(doc["managed_systems"][0]["lpars"][0]["workload"]["dirty"]["hot_write_rate"] == "400000pages/s");
  SweepGrid g;
  g.add_axis(GridAxis{"/simulation/seed", {1, 2}});
  const Sweep sweep(doc, "scenarios", "scenarios/quickstart.json", g);
  const auto v = sweep.variant_spec(1);
  CHECK(std::get<app::scenario::HotColdDirtySpec>(v.managed_systems[0].lpars[0].workload.dirty)
            .hot_write_rate.value == 400000);
}

TEST_CASE("issue 17: a linked axis sets every pointer of the axis") {
  const auto sweep = quickstart_sweep(
      {parse_set_axis("/network/links/0/bandwidth,/network/links/1/bandwidth=10Gbit/s,25Gbit/s")});
  const auto v = sweep.variant_spec(1);
  CHECK(v.network.links[0].config.bandwidth.bits_per_second() == doctest::Approx(25e9));
  CHECK(v.network.links[1].config.bandwidth.bits_per_second() == doctest::Approx(25e9));
  const auto rows = sweep.run_batch({0, 1}, 1);
  CHECK(rows[1].max_total_s < rows[0].max_total_s);
}

TEST_CASE("JSON Lines rows round-trip to the same bytes") {
  VariantResult r;
  r.index = 17;
  r.params = {json(3), json("25Gbit/s")};
  r.migrations = 2;
  r.completed = 1;
  r.rolled_back = 1;
  r.max_total_s = 68.31614358;
  r.mean_total_s = 0.1 + 0.2;
  r.max_blackout_s = 0.05675088700000001;
  r.total_bytes = 53550427282.0;
  const std::vector<std::string> names{"/simulation/seed", "/network/links/0/bandwidth"};
  const auto line = to_jsonl_row(r, names);
  const auto back = from_jsonl_row(line, 2);
  REQUIRE(back.has_value());
  CHECK(*back == r);
  CHECK(to_jsonl_row(*back, names) == line);
  CHECK_FALSE(from_jsonl_row(line.substr(0, line.size() - 3), 2).has_value());
  CHECK_FALSE(from_jsonl_row(line, 3).has_value());
}

TEST_CASE("run_sweep resumes from a journal with a torn last line to the same bytes") {
  const auto dir = std::filesystem::path(LPMSIM_BINARY_DIR) / "test-output" / "sweep_unit";
  std::filesystem::create_directories(dir);
  const auto sweep = quickstart_sweep({GridAxis{"/simulation/seed", {1, 2, 3, 4, 5, 6, 7, 8}}});
  SweepTransport single;
  std::ostringstream printed;
  const SweepOutputs clean{(dir / "a.csv").string(), (dir / "a.jsonl").string(),
                           (dir / "a.sum").string(), true, ""};
  std::filesystem::remove(clean.jsonl);
  REQUIRE(run_sweep(sweep, clean, 2, single, printed) == 0);
  const std::string jsonl = slurp(clean.jsonl);
  // Keep the header and three rows, then half of the fourth: what a kill -9 can leave.
  std::size_t cut = 0;
  for (int lines = 0; lines < 4; ++lines) cut = jsonl.find('\n', cut) + 1;
  const SweepOutputs resumed{(dir / "b.csv").string(), (dir / "b.jsonl").string(),
                             (dir / "b.sum").string(), true, ""};
  std::ofstream(resumed.jsonl, std::ios::binary) << jsonl.substr(0, cut + 20);
  REQUIRE(run_sweep(sweep, resumed, 1, single, printed) == 0);
  CHECK(slurp(resumed.jsonl) == jsonl);
  CHECK(slurp(resumed.csv) == slurp(clean.csv));
  CHECK(slurp(resumed.summary) == slurp(clean.summary));
  CHECK(printed.str().empty());
}

// Issue 17, Found 7: "in expected mode the seed changes nothing, so a seed sweep reports a 95 %
// interval of 0". simulation.variation auto: on in a sweep over seeds, off for a single run.
TEST_CASE("issue 17: a sweep over seeds varies each run; variation off makes the seeds identical") {
  std::vector<json> seeds;
  for (int s = 1; s <= 20; ++s) seeds.emplace_back(s);
  std::vector<std::size_t> all(seeds.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;

  const auto varied = quickstart_sweep({GridAxis{"/simulation/seed", seeds}});
  const auto rows = varied.run_batch(all, 2);
  const auto groups = summarise_groups(rows, varied.grid().seed_parameter());
  REQUIRE(groups.size() == 1);
  const MetricSummary& blackout = groups[0].max_blackout_s;
  CAPTURE(blackout.mean);
  CAPTURE(blackout.ci95);
  // The blackout spreads like the measured repeats (fidelity/README.md: downtime 25–35 % median
  // between repeats): its standard deviation over 20 seeds is between 10 % and 60 % of its mean.
  const double sd = blackout.ci95 / student_t95(19) * std::sqrt(20.0);
  CHECK(sd > 0.10 * blackout.mean);
  CHECK(sd < 0.60 * blackout.mean);
  CHECK(groups[0].max_total_s.ci95 > 0);
  CHECK(groups[0].max_total_s.ci95 < 0.05 * groups[0].max_total_s.mean);
  for (const auto& r : rows) CHECK(r.completed == 1);

  const auto off = quickstart_sweep({GridAxis{"/simulation/variation", {"off"}}, GridAxis{"/simulation/seed", seeds}});
  const auto flat = off.run_batch(all, 2);
  for (const auto& r : flat) {
    CHECK(r.max_blackout_s == flat[0].max_blackout_s);
    CHECK(r.max_total_s == flat[0].max_total_s);
    CHECK(r.total_bytes == flat[0].total_bytes);
  }
  // A sweep over something else than the seed is a set of single runs: no variation either.
  const auto bandwidth = quickstart_sweep({GridAxis{"/network/links/0/bandwidth", {"25Gbit/s"}}});
  CHECK(bandwidth.run_batch({0}, 1)[0].max_blackout_s == flat[0].max_blackout_s);
}

TEST_CASE("issue 17: a single run is the unvaried migration unless simulation.variation is on") {
  const auto spec = app::scenario::load_scenario_file("scenarios/quickstart.json");
  auto with = [&](app::scenario::RunVariationMode mode, bool seed_sweep, std::uint64_t seed) {
    app::scenario::ScenarioSpec s = spec;
    s.simulation.variation = mode;
    RunOptions o;
    o.seed = seed;
    o.seed_sweep = seed_sweep;
    Simulation sim(s, "scenarios", o);
    CHECK(sim.run_variation() == (mode == app::scenario::RunVariationMode::on || (mode == app::scenario::RunVariationMode::automatic && seed_sweep)));
    std::ostringstream out;
    app::report::write_report_json(sim.run(), out);
    std::string text = out.str();
    // The echoed seed is the only difference seeds make to an unvaried run.
    const auto at = text.find("\"seed\": ");
    REQUIRE(at != std::string::npos);
    text.erase(at, text.find(',', at) - at);
    return text;
  };
  using M = app::scenario::RunVariationMode;
  const std::string single = with(M::automatic, false, 1);
  CHECK(single == with(M::automatic, false, 2));
  CHECK(single == with(M::off, true, 2));
  CHECK(single != with(M::on, false, 2));
  CHECK(with(M::on, false, 2) == with(M::automatic, true, 2));  // the same draws either way
  CHECK(with(M::on, false, 2) == with(M::on, false, 2));        // deterministic
  CHECK(with(M::on, false, 2) != with(M::on, false, 3));
}

TEST_CASE("group statistics over seeds: mean, nearest-rank percentiles, Student-t interval") {
  std::vector<VariantResult> rows;
  for (int i = 0; i < 5; ++i) {
    VariantResult r;
    r.index = static_cast<std::size_t>(i);
    r.params = {json("g"), json(i + 1)};
    r.completed = 1;
    r.max_total_s = 10.0 + i;  // 10..14
    rows.push_back(r);
  }
  const auto groups = summarise_groups(rows, 1);
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].variants == 5);
  CHECK(groups[0].max_total_s.mean == doctest::Approx(12.0));
  CHECK(groups[0].max_total_s.p50 == 12.0);
  CHECK(groups[0].max_total_s.p95 == 14.0);
  CHECK(groups[0].max_total_s.max == 14.0);
  // s = sqrt(2.5), t(4) = 2.776: 2.776 * 1.5811 / 2.2361 = 1.9629
  CHECK(groups[0].max_total_s.ci95 == doctest::Approx(1.96290).epsilon(1e-4));
  CHECK(student_t95(1) == 12.706);
  CHECK(student_t95(120) == doctest::Approx(1.980).epsilon(1e-3));
}

TEST_CASE("per-migration rows: one per migration, the same bytes for 1/2/4 threads and resume") {
  const auto dir = std::filesystem::path(LPMSIM_BINARY_DIR) / "test-output" / "sweep_unit";
  std::filesystem::create_directories(dir);
  auto sweep = quickstart_sweep({GridAxis{"/network/links/0/bandwidth", {"5Gbit/s", "25Gbit/s"}},
                                 GridAxis{"/simulation/seed", {1, 2, 3}}});
  sweep.set_record_migrations(true);
  SweepTransport single;
  std::ostringstream printed;
  std::string reference;
  for (int jobs : {1, 2, 4}) {
    const auto stem = dir / std::string("m").append(std::to_string(jobs));
    const SweepOutputs out{"", stem.string() + ".jsonl", "", true, stem.string() + ".mig.csv"};
    std::filesystem::remove(out.jsonl);
    REQUIRE(run_sweep(sweep, out, jobs, single, printed) == 0);
    const auto text = slurp(out.migrations_csv);
    if (jobs == 1) reference = text;
    CHECK(text == reference);
  }
  std::istringstream lines(reference);
  std::string header, first;
  std::getline(lines, header);
  std::getline(lines, first);
  CHECK(header ==
        "variant,/network/links/0/bandwidth,/simulation/seed,migration,lpar,source,destination,"
        "outcome,total_s,blackout_s,bytes_sent,passes");
  CHECK(first.rfind("0,5Gbit/s,1,0,db01,", 0) == 0);
  CHECK(first.find(",completed,") != std::string::npos);
  CHECK(std::count(reference.begin(), reference.end(), '\n') == 1 + 6);
  // The migration row agrees with the variant's summary.
  const auto rows = sweep.run_batch({5}, 1);
  REQUIRE(rows[0].per_migration.size() == 1);
  const MigrationRow& m = rows[0].per_migration[0];
  CHECK(m.outcome == "completed");
  CHECK(m.passes >= 1);
  REQUIRE(m.total_s.has_value());
  REQUIRE(m.blackout_s.has_value());
  CHECK(*m.total_s == rows[0].max_total_s);
  CHECK(*m.blackout_s == rows[0].max_blackout_s);
  CHECK(m.bytes_sent == rows[0].total_bytes);
  // Resume from a journal cut in the middle of a row: the same bytes, every migration once.
  const std::string journal = slurp(dir / "m1.jsonl");
  CHECK(journal.find("\"per_migration\":true") < journal.find('\n'));
  std::size_t cut = 0;
  for (int n = 0; n < 3; ++n) cut = journal.find('\n', cut) + 1;
  const SweepOutputs resumed{"", (dir / "mr.jsonl").string(), "", true,
                             (dir / "mr.mig.csv").string()};
  std::ofstream(resumed.jsonl, std::ios::binary) << journal.substr(0, cut + 30);
  REQUIRE(run_sweep(sweep, resumed, 2, single, printed) == 0);
  CHECK(slurp(resumed.migrations_csv) == reference);
  CHECK(slurp(resumed.jsonl) == journal);
}

TEST_CASE("a journal without per-migration rows is refused by a sweep that records them") {
  const auto dir = std::filesystem::path(LPMSIM_BINARY_DIR) / "test-output" / "sweep_unit";
  std::filesystem::create_directories(dir);
  auto sweep = quickstart_sweep({GridAxis{"/simulation/seed", {1, 2}}});
  SweepTransport single;
  std::ostringstream printed;
  const SweepOutputs plain{"", (dir / "p.jsonl").string(), "", true, ""};
  std::filesystem::remove(plain.jsonl);
  REQUIRE(run_sweep(sweep, plain, 1, single, printed) == 0);
  CHECK(slurp(plain.jsonl).find("per_migration") == std::string::npos);
  sweep.set_record_migrations(true);
  const SweepOutputs detailed{"", plain.jsonl, "", true, (dir / "p.mig.csv").string()};
  CHECK_THROWS_WITH_AS(run_sweep(sweep, detailed, 1, single, printed),
                       doctest::Contains("written by a different sweep"), SweepGridError);
}

TEST_CASE("per-migration JSON: pending and never-suspended migrations round-trip as null") {
  VariantResult r;
  r.index = 3;
  r.params = {json(1)};
  r.migrations = 2;
  r.per_migration = {MigrationRow{"db01", "sysA", "sysB", "completed", 68.5, 0.0567, 6.4e10, 2},
                     MigrationRow{"app, \"x\"", "sysA", "sysB", "pending", std::nullopt,
                                  std::nullopt, 1.5e9, 1}};
  const std::vector<std::string> names{"/simulation/seed"};
  const auto line = to_jsonl_row(r, names, true);
  CHECK(line.find("\"total_s\":null,\"blackout_s\":null") != std::string::npos);
  const auto back = from_jsonl_row(line, 1, true);
  REQUIRE(back.has_value());
  CHECK(*back == r);
  CHECK_FALSE(from_jsonl_row(to_jsonl_row(r, names, false), 1, true).has_value());
  std::ostringstream csv;
  write_migrations_csv({r}, names, csv);
  CHECK(csv.str() ==
        "variant,/simulation/seed,migration,lpar,source,destination,outcome,total_s,blackout_s,"
        "bytes_sent,passes\n"
        "3,1,0,db01,sysA,sysB,completed,68.5,0.0567,64000000000.0,2\n"
        "3,1,1,\"app, \"\"x\"\"\",sysA,sysB,pending,,,1500000000.0,1\n");
}

namespace {

// Two "ranks" as two threads of one process: the collectives run_sweep uses, over shared memory.
struct Collectives {
  std::mutex mutex;
  std::condition_variable changed;
  int size = 2;
  std::optional<std::string> broadcast;
  std::map<std::size_t, std::vector<std::optional<std::string>>> gathers;  // by call number
};

class ThreadTransport : public SweepTransport {
 public:
  ThreadTransport(Collectives& c, int rank) : c_(c), rank_(rank) {}
  int rank() const override { return rank_; }
  int size() const override { return c_.size; }
  std::string broadcast(const std::string& text) override {
    std::unique_lock lock(c_.mutex);
    if (rank_ == 0) c_.broadcast = text;
    c_.changed.notify_all();
    c_.changed.wait(lock, [&] { return c_.broadcast.has_value(); });
    return *c_.broadcast;
  }
  std::vector<std::string> gather(const std::string& text) override {
    std::unique_lock lock(c_.mutex);
    auto& parts = c_.gathers[calls_++];
    parts.resize(static_cast<std::size_t>(c_.size));
    parts[static_cast<std::size_t>(rank_)] = text;
    c_.changed.notify_all();
    if (rank_ != 0) return {};
    c_.changed.wait(lock, [&] { return std::all_of(parts.begin(), parts.end(), [](const auto& p) { return p.has_value(); }); });
    std::vector<std::string> out;
    for (auto& p : parts) out.push_back(*p);
    return out;
  }

 private:
  Collectives& c_;
  int rank_;
  std::size_t calls_ = 0;
};

}  // namespace

TEST_CASE("two ranks (threads standing in for MPI) write the same bytes as one") {
  const auto dir = std::filesystem::path(LPMSIM_BINARY_DIR) / "test-output" / "sweep_ranks";
  std::filesystem::create_directories(dir);
  std::vector<json> seeds;
  for (int s = 1; s <= 50; ++s) seeds.emplace_back(s);
  // 150 variants: more than one batch (128 with 2 threads on 2 ranks), so several gathers.
  auto sweep = quickstart_sweep({GridAxis{"/network/links/0/bandwidth", {"5Gbit/s", "fast", "25Gbit/s"}},
                                 GridAxis{"/simulation/seed", seeds}});
  sweep.set_record_migrations(true);
  std::ostringstream printed;
  const auto outputs = [&](const std::string& stem) {
    const auto p = (dir / stem).string();
    for (const char* ext : {".csv", ".jsonl", ".sum.csv", ".mig.csv"}) std::filesystem::remove(p + ext);
    return SweepOutputs{p + ".csv", p + ".jsonl", p + ".sum.csv", true, p + ".mig.csv"};
  };
  const SweepOutputs one = outputs("one"), two = outputs("two");
  SweepTransport single;
  REQUIRE(run_sweep(sweep, one, 2, single, printed) == 0);
  Collectives shared;
  ThreadTransport rank0(shared, 0), rank1(shared, 1);
  int other = -1;
  std::thread second([&] { other = run_sweep(sweep, SweepOutputs{}, 2, rank1, printed); });
  const int first = run_sweep(sweep, two, 2, rank0, printed);  // the same --jobs on every rank
  second.join();
  CHECK(first == 0);
  CHECK(other == 0);
  CHECK(slurp(one.csv) == slurp(two.csv));
  CHECK(slurp(one.jsonl) == slurp(two.jsonl));
  CHECK(slurp(one.summary) == slurp(two.summary));
  CHECK(slurp(one.migrations_csv) == slurp(two.migrations_csv));
}
