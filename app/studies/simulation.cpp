#include "app/studies/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "app/studies/bottleneck.hpp"
#include "app/studies/validator.hpp"
#include "sim/check.hpp"

namespace app::studies {

namespace mm = models::migration;

bool varies(scenario::RunVariationMode mode, bool seed_sweep) {
  switch (mode) {
    case scenario::RunVariationMode::on: return true;
    case scenario::RunVariationMode::off: return false;
    case scenario::RunVariationMode::automatic: return seed_sweep;
  }
  return false;
}

Simulation::Simulation(const scenario::ScenarioSpec& spec, const std::filesystem::path& scenario_dir, RunOptions options)
    : spec_(spec), options_(std::move(options)), engine_(options_.seed.value_or(spec.simulation.seed)) {
  world_ = std::make_unique<mm::World>(engine_);
  built_ = build_world(spec, *world_, scenario_dir);
  mm::MigrationSettings settings = spec.hmc.settings;
  settings.variation.enabled = varies(spec.simulation.variation, options_.seed_sweep);
  hmc_ = std::make_unique<mm::Hmc>(*world_, std::move(settings), spec.hmc.limits, built_.profiles, hmc_validator());
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

Simulation::~Simulation() {
  engine_.set_tracer(nullptr);
  // A migration still in flight when the run ended (Pending) cancels its flows as the HMC is
  // destroyed, and the network then calls sample_links: the HMC (and what watches it) must go
  // while the link series and the report still exist, not after them in member order.
  invariants_.reset();
  faults_.reset();
  hmc_.reset();
}

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

// The first recomputation samples every link; later ones only the links whose load it may have
// changed (FlowNetwork::changed_links), the others would repeat their last value.
void Simulation::sample_links(sim::Time at) {
  const auto& net = *world_->network();
  const auto& topo = net.topology();
  if (!link_series_) {
    std::vector<LinkSeries::Link> links;
    for (std::uint32_t i = 0; i < topo.link_count(); ++i) {
      const auto& link = topo.link(models::network::LinkId{i});
      links.push_back({link.name, link.config.bandwidth.value()});
    }
    link_series_ = std::make_unique<LinkSeries>(std::move(links), options_.series_resolution, report_.link_samples);
    for (std::uint32_t i = 0; i < topo.link_count(); ++i) sample_link(at, models::network::LinkId{i});
    return;
  }
  for (const models::network::LinkId id : net.changed_links()) sample_link(at, id);
}

void Simulation::sample_link(sim::Time at, models::network::LinkId id) {
  const auto load = world_->network()->link_load(id);
  link_series_->change(at, id.index, load.forward.value() + load.reverse.value(),
                       std::max(load.forward_utilisation, load.reverse_utilisation));
}

// MSP counts change only when a migration is admitted or released, so a migration's state change
// or end samples its own two MSPs (not every VIOS in the world), and the queue length.
void Simulation::sample_msps_and_queue(sim::Time at, const mm::Migration* m) {
  const auto& all = world_->all_vios();
  if (last_msp_active_.empty()) {
    last_msp_active_.assign(all.size(), -1);
    for (std::size_t i = 0; i < all.size(); ++i) vios_position_.emplace(all[i].vios.get(), i);
    for (std::size_t i = 0; i < all.size(); ++i) sample_msp(at, i);
  }
  if (m != nullptr) {
    // Every pair validation chose: with redundant pairs each one holds an operation on its MSPs.
    for (const mm::MspPair& pair : m->preflight().msp_pairs) {
      for (const models::power::Vios* v : {pair.source, pair.destination}) {
        if (const auto it = vios_position_.find(v); it != vios_position_.end()) sample_msp(at, it->second);
      }
    }
  }
  const int queued = static_cast<int>(hmc_->queued_count());
  if (queued != last_queue_) {
    last_queue_ = queued;
    report_.hmc_queue.push_back({at, queued});
  }
}

void Simulation::sample_msp(sim::Time at, std::size_t position) {
  const mm::PlacedVios& placed = world_->all_vios()[position];
  const models::power::Msp* msp = placed.vios->msp();
  if (msp == nullptr || msp->active_migrations() == last_msp_active_[position]) return;
  last_msp_active_[position] = msp->active_migrations();
  report_.msp_samples.push_back({at, placed.system, placed.vios->partition().name(), msp->active_migrations()});
}

namespace {
// Ended, or failed past the point of no return and waiting for `migrlpar -o r`.
bool waits_for_nothing(mm::MigrationState s) { return mm::is_terminal(s) || s == mm::MigrationState::failed; }
}  // namespace

void Simulation::attach_samplers() {
  if (options_.time_series && world_->network() != nullptr) {
    world_->network()->add_observer([this](const models::network::FlowNetwork&) { sample_links(engine_.now()); });
    hmc_->on_state_change([this](mm::Migration& m, mm::MigrationState) { sample_msps_and_queue(engine_.now(), &m); });
    hmc_->on_finished([this](mm::Migration& m) { sample_msps_and_queue(engine_.now(), &m); });
  }
  hmc_->on_state_change([this](mm::Migration& m, mm::MigrationState from) {
    const bool was = waits_for_nothing(from), is = waits_for_nothing(m.state());
    if (was != is) is ? ++idle_migrations_ : --idle_migrations_;
  });
  hmc_->on_finished([this](mm::Migration&) { stop_when_idle(); });
}

// Done when every request has been made, every migration has ended or waits, failed, for an
// operator who will not come (no request left), and the scenario's timed faults and repairs (a
// VIOS reboot, a link back up) have happened. O(1): the state observer counts those migrations
// (a failed one counts again when `migrlpar -o r` starts its recovery).
void Simulation::stop_when_idle() {
  if (requests_made_ < built_.requests.size() || !faults_->quiet()) return;
  if (idle_migrations_ < hmc_->migrations().size()) return;
  engine_.stop();
}

report::RunReport Simulation::run() {
  report_ = {};
  report_.seed = engine_.seed();
  report_.link_resolution = options_.series_resolution;
  attach_samplers();
  faults_->set_after_fault([this] { stop_when_idle(); });
  faults_->arm();
  start_background();
  schedule_requests();
  if (options_.time_series) sample_msps_and_queue(engine_.now(), nullptr);
  const sim::Time end = sim::Time::zero() + spec_.simulation.end_time;
  if (options_.progress) {
    for (sim::Time t = engine_.now() + options_.progress_every; t < end; t += options_.progress_every) {
      engine_.schedule_at(t, [this] { options_.progress(engine_.now()); });
    }
  }
  engine_.schedule_at(end, [this] { engine_.stop(); });
  if (!built_.requests.empty()) engine_.run();  // nothing asked, nothing happens
  report_.end = engine_.now();
  if (link_series_) link_series_->finish(report_.end);
  hmc_->close_records(engine_.now());
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
    if (options_.bottlenecks) report_.bottlenecks.push_back(find_bottleneck(*world_, m->record()));
  }
  report_.faults = faults_->fired();
  return std::move(report_);
}

}  // namespace app::studies
