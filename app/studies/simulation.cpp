#include "app/studies/simulation.hpp"

#include <algorithm>
#include <cmath>

#include "app/studies/bottleneck.hpp"
#include "app/studies/validator.hpp"
#include "sim/check.hpp"

namespace app::studies {

namespace mm = models::migration;

Simulation::Simulation(const scenario::ScenarioSpec& spec, const std::filesystem::path& scenario_dir, RunOptions options)
    : spec_(spec), options_(std::move(options)), engine_(options_.seed.value_or(spec.simulation.seed)) {
  world_ = std::make_unique<mm::World>(engine_);
  built_ = build_world(spec, *world_, scenario_dir);
  hmc_ = std::make_unique<mm::Hmc>(*world_, built_.settings, built_.limits, built_.profiles, hmc_validator());
  faults_ = std::make_unique<mm::FaultInjector>(*hmc_, built_.faults);
  if (options_.check_invariants)
    invariants_ = std::make_unique<mm::InvariantChecker>(*hmc_, 0, mm::InvariantChecker::Level::cheap);
  // The engine gets a tracer only when someone reads the records: the fault injector (only for
  // pass-end points, the one thing it watches in the trace), a JSON Lines file or an extra sink.
  // Without one, models skip building trace records — most of a sweep variant's time otherwise.
  // Tracing never changes the model, so the results are the same either way.
  bool tracing = false;
  const auto watches_passes = [](const mm::FaultPlan& p) { return p.point && p.point->pass > 0; };
  if (std::any_of(built_.faults.begin(), built_.faults.end(), watches_passes)) {
    tee_.add(faults_.get());
    tracing = true;
  }
  if (options_.jsonl_trace != nullptr) {
    jsonl_ = std::make_unique<sim::JsonLinesTraceSink>(*options_.jsonl_trace);
    tee_.add(jsonl_.get());
    tracing = true;
  }
  if (options_.extra_tracer != nullptr) {
    tee_.add(options_.extra_tracer);
    tracing = true;
  }
  if (tracing) engine_.set_tracer(&tee_);
}

Simulation::~Simulation() { engine_.set_tracer(nullptr); }

void Simulation::schedule_requests() {
  for (std::size_t i = 0; i < built_.requests.size(); ++i) {
    engine_.schedule_at(sim::Time::zero() + built_.requests[i].at, [this, i] {
      hmc_->submit(built_.requests[i].request);
      ++requests_made_;
      stop_when_idle();
    });
  }
}

void Simulation::start_background() {
  mm::World& w = *world_;
  for (const auto& b : built_.background) {
    engine_.schedule_at(sim::Time::zero() + b.start, [this, &w, b] {
      const auto& topo = w.network()->topology();
      const auto& link = topo.link(*topo.find_link(b.link));
      // A flow far larger than anything the run moves, capped at the traffic's rate.
      const auto id = w.network()->start_flow(link.a, link.b, sim::Bytes(INT64_MAX / 4), b.rate,
                                              [](models::network::FlowId, models::network::FlowOutcome) {});
      if (b.stop) engine_.schedule_at(sim::Time::zero() + *b.stop, [&w, id] { w.network()->cancel_flow(id); });
    });
  }
}

void Simulation::sample_links(sim::Time at) {
  const auto& net = *world_->network();
  const auto& topo = net.topology();
  last_link_throughput_.resize(topo.link_count(), -1.0);
  for (std::uint32_t i = 0; i < topo.link_count(); ++i) {
    const models::network::LinkId id{i};
    const auto load = net.link_load(id);
    const double throughput = load.forward.value() + load.reverse.value();
    const double capacity = topo.link(id).config.bandwidth_forward.value();
    // Keep the series small: a new point only when the throughput moved by ≥ 1 % of capacity.
    if (last_link_throughput_[i] >= 0 && std::abs(throughput - last_link_throughput_[i]) < 0.01 * capacity) continue;
    last_link_throughput_[i] = throughput;
    report_.link_samples.push_back({at, topo.link(id).name, sim::BytesPerSecond(throughput),
                                    std::max(load.forward_utilisation, load.reverse_utilisation)});
  }
}

void Simulation::sample_msps_and_queue(sim::Time at) {
  const auto& all = world_->all_vios();
  last_msp_active_.resize(all.size(), -1);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const models::power::Msp* msp = all[i].vios->msp();
    if (msp == nullptr || msp->active_migrations() == last_msp_active_[i]) continue;
    last_msp_active_[i] = msp->active_migrations();
    report_.msp_samples.push_back({at, all[i].system, all[i].vios->partition().name(), msp->active_migrations()});
  }
  const int queued = static_cast<int>(hmc_->queue().size());
  if (queued != last_queue_) {
    last_queue_ = queued;
    report_.hmc_queue.push_back({at, queued});
  }
}

void Simulation::attach_samplers() {
  if (options_.time_series && world_->network() != nullptr) {
    world_->network()->add_observer([this](const models::network::FlowNetwork&) { sample_links(engine_.now()); });
    hmc_->on_state_change([this](mm::Migration&, mm::MigrationState) { sample_msps_and_queue(engine_.now()); });
  }
  hmc_->on_finished([this](mm::Migration&) { stop_when_idle(); });
}

// Done when every request has been made and every migration has ended or waits, failed, for an
// operator who will not come (no request left).
void Simulation::stop_when_idle() {
  if (requests_made_ < built_.requests.size()) return;
  for (const auto& m : hmc_->migrations()) {
    if (!mm::is_terminal(m->state()) && m->state() != mm::MigrationState::failed) return;
  }
  engine_.stop();
}

report::RunReport Simulation::run() {
  report_ = {};
  report_.seed = engine_.seed();
  attach_samplers();
  faults_->arm();
  start_background();
  schedule_requests();
  if (options_.time_series) sample_msps_and_queue(engine_.now());
  const sim::Time end = sim::Time::zero() + spec_.simulation.end_time;
  if (options_.progress) {
    for (sim::Time t = engine_.now() + options_.progress_every; t < end; t += options_.progress_every) {
      engine_.schedule_at(t, [this] { options_.progress(engine_.now()); });
    }
  }
  engine_.schedule_at(end, [this] { engine_.stop(); });
  if (!built_.requests.empty()) engine_.run();  // nothing asked, nothing happens
  report_.end = engine_.now();
  if (invariants_) {
    invariants_->finish(engine_.now() >= end);
    if (!invariants_->violations().empty()) {
      const mm::Violation& v = invariants_->violations().front();
      sim::check_failed(v.at, v.migration, "invariant " + std::to_string(v.invariant) + " (" + v.name + ") violated: " + v.message,
                        "protocol invariant", __FILE__, __LINE__);
    }
  }
  report_.events_executed = engine_.events_executed();
  for (const auto& m : hmc_->migrations()) {
    report_.migrations.push_back(m->record());
    report_.bottlenecks.push_back(find_bottleneck(*world_, m->record()));
  }
  report_.faults = faults_->fired();
  return std::move(report_);
}

}  // namespace app::studies
