// The field tables of every scenario object: key, need, constraint, documentation. The loader,
// the effective-spec echo, the JSON Schema and the README reference are all derived from them.
#include "app/scenario/spec_tables.hpp"

#include "app/scenario/field_table.hpp"

namespace app::scenario::detail {

namespace {
constexpr Need req = Need::required;
constexpr Need opt = Need::optional;
}  // namespace

namespace mm = models::migration;
namespace pw = models::power;
namespace net = models::network;
namespace pc = models::precopy;

// `migrlpar` is either the command line as a string or the same request as an object.
template <>
struct Codec<MigrlparSpec> {
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint&, MigrlparSpec& v) {
    if (j.is_string()) {
      const std::size_t before = ctx.diagnostics().size();
      parse_migrlpar(ctx, j.get_ref<const std::string&>(), ptr, v);
      if (ctx.diagnostics().size() == before) check_object(ctx, j, ptr, v);  // no cascades
    } else if (j.is_object()) {
      read_object<MigrlparSpec>(ctx, j, ptr, v);
    } else {
      ctx.error(ptr, "expected a migrlpar command string or an object; found " + describe(j));
    }
  }
  static Json write(const MigrlparSpec& v) { return write_object<MigrlparSpec>(v); }
  static Json schema(SchemaBuilder& b, const Constraint&) {
    return {{"oneOf", Json::array({Json{{"type", "string"}, {"minLength", 1}}, object_schema<MigrlparSpec>(b)})}};
  }
  static std::string type_name(const Constraint&) { return "migrlpar command string, or object `migrlpar`"; }
};

// clang-format off
template <> const ObjectTable<ScenarioSpec>& table<ScenarioSpec>() {
  static const ObjectTable<ScenarioSpec> t{"scenario", "A scenario file: the world, the operator's timeline, the faults and how to simulate.", {
    field<&ScenarioSpec::description>("description", "Free text shown in reports."),
    field<&ScenarioSpec::managed_systems>("managed_systems", "The servers (CECs), each with its LPARs and VIOS.", req, at_least_one()),
    field<&ScenarioSpec::network>("network", "The LPM network between MSP interfaces."),
    field<&ScenarioSpec::hmc>("hmc", "The HMC's limits and migration policy."),
    field<&ScenarioSpec::actions>("actions", "Operator requests on a timeline."),
    field<&ScenarioSpec::faults>("faults", "Scheduled failures."),
    field<&ScenarioSpec::simulation>("simulation", "Seed, end time, memory representation, outputs."),
  }};
  return t;
}

template <> const ObjectTable<ManagedSystemSpec>& table<ManagedSystemSpec>() {
  using C = pw::ManagedSystemConfig;
  constexpr auto c = &ManagedSystemSpec::config;
  static const ObjectTable<ManagedSystemSpec> t{"managed_system", "A managed system (server) and its partitions.", {
    field<c, &C::name>("name", "Managed system name, unique in the scenario (`migrlpar -m/-t`).", req, kName),
    field<c, &C::machine_type_model>("machine_type_model", "Machine type and model, e.g. \"9105-42A\"."),
    field<c, &C::generation>("processor_generation", "Processor generation."),
    field<c, &C::compat_modes>("compatibility_modes", "Processor compatibility modes the hypervisor supports.", req, at_least_one()),
    field<c, &C::installed_memory>("memory", "Installed (configurable) memory.", req, kPositive),
    field<c, &C::installed_processors>("processors", "Installed processor cores.", req, range(1, 4096)),
    field<c, &C::lmb_size>("lmb_size", "Logical memory block size: 16MiB-256MiB, or 1GiB/2GiB/4GiB on Power10 FW1050+. Must match between source and destination.", opt, kPositive),
    field<c, &C::hypervisor_reserved>("hypervisor_reserved", "Memory the hypervisor keeps for itself (rounded up to LMBs).", opt, kNonNegative),
    field<c, &C::firmware_level>("firmware_level", "System firmware level, \"FW\" + digits, e.g. \"FW1050\" or \"FW950.40\"."),
    field<c, &C::edition>("powervm_edition", "PowerVM edition; LPM needs enterprise."),
    field<c, &C::active_lpm_capable>("active_lpm_capable", "The system supports active partition mobility."),
    field<c, &C::inactive_lpm_capable>("inactive_lpm_capable", "The system supports inactive partition mobility."),
    field<c, &C::max_active_migrations>("max_active_migrations", "Concurrent active migrations the system supports.", opt, range(1, 64)),
    field<c, &C::max_inactive_migrations>("max_inactive_migrations", "Concurrent inactive migrations the system supports.", opt, range(1, 64)),
    field<c, &C::power>("power", "Power model of the system, for the energy a migration adds (assumed figures: see the model)."),
    field<&ManagedSystemSpec::lpars>("lpars", "Client partitions on this system."),
    field<&ManagedSystemSpec::vios>("vios", "Virtual I/O Server partitions on this system."),
  }};
  return t;
}

// The file's `memory` object of a partition: three members of LparConfig.
struct LparMemory {
  using Struct = pw::LparConfig;
  static void check(Context& ctx, const std::string& ptr, const Struct& c) { check_memory(ctx, ptr, c); }
};

template <> const ObjectTable<pw::LparConfig>& table<LparMemory>() {
  static const ObjectTable<pw::LparConfig> t{"lpar_memory", "Partition memory: min <= desired <= max, each a multiple of the system's LMB size.", {
    field<&pw::LparConfig::memory_min>("min", "Minimum memory.", req, kPositive),
    field<&pw::LparConfig::memory_desired>("desired", "Desired (assigned) memory.", req, kPositive),
    field<&pw::LparConfig::memory_max>("max", "Maximum memory.", req, kPositive),
  }};
  return t;
}

// `desired` is processing units (shared) or whole processors (dedicated): `mode` is read first.
double desired_processors(const pw::LparProcessors& p) {
  return p.mode == pw::ProcessorMode::dedicated ? static_cast<double>(p.dedicated_procs) : p.entitlement.as_cores();
}
void set_desired_processors(pw::LparProcessors& p, const double& desired) {
  if (p.mode == pw::ProcessorMode::dedicated) p.dedicated_procs = static_cast<int>(desired + 0.5);
  else p.entitlement = pw::ProcessingUnits::hundredths(static_cast<std::int64_t>(desired * 100 + 0.5));
}

template <> const ObjectTable<pw::LparProcessors>& table<pw::LparProcessors>() {
  static const ObjectTable<pw::LparProcessors> t{"processors", "Partition processors.", {
    field<&pw::LparProcessors::mode>("mode", "Shared (processing units) or dedicated (whole processors)."),
    computed<&desired_processors, &set_desired_processors>("desired", "Processing units (shared, >= 0.05 per virtual processor) or processors (dedicated, whole).", opt, kPositive),
    field<&pw::LparProcessors::virtual_procs>("virtual_processors", "Virtual processors (shared mode).", opt, range(1, 4096)),
  }};
  return t;
}

template <> const ObjectTable<VirtualAdapterSpec>& table<VirtualAdapterSpec>() {
  static const ObjectTable<VirtualAdapterSpec> t{"virtual_adapter", "A client virtual adapter; which keys apply depends on `type`.", {
    field<&VirtualAdapterSpec::type>("type", "vscsi, vfc (NPIV), veth or vnic.", req),
    field<&VirtualAdapterSpec::client_slot>("client_slot", "Virtual slot number in the partition, unique per partition, below its max_virtual_slots.", req, range(2, 65535)),
    field<&VirtualAdapterSpec::vios>("vios", "vscsi, vfc, vnic (required): the hosting VIOS on the same system.", opt, kName),
    field<&VirtualAdapterSpec::vios_slot>("vios_slot", "vscsi, vfc, vnic: server adapter slot on the VIOS, unique per VIOS, below its max_virtual_slots.", opt, range(2, 65535)),
    field<&VirtualAdapterSpec::wwpns>("wwpns", "vfc (required): the WWPN pair, 16 hex digits each; the second is used for mobility.", opt),
    field<&VirtualAdapterSpec::luns>("luns", "vscsi, vfc: backing LUN ids; each must be visible to the hosting VIOS.", opt),
    field<&VirtualAdapterSpec::physical_port>("physical_port", "vfc: FC port on the VIOS (e.g. \"fcs0\", one of its fc_ports); vnic: backing SR-IOV port.", opt),
    field<&VirtualAdapterSpec::vlan>("vlan", "veth (required): port VLAN id; vnic: VLAN id.", opt, range(1, 4094)),
    field<&VirtualAdapterSpec::additional_vlans>("additional_vlans", "veth: tagged VLAN ids.", opt, range(1, 4094)),
    field<&VirtualAdapterSpec::vswitch>("vswitch", "veth: virtual switch name (the HMC's default is ETHERNET0).", opt, kName),
  }};
  return t;
}

template <> const ObjectTable<PhysicalAdapterSpec>& table<PhysicalAdapterSpec>() {
  static const ObjectTable<PhysicalAdapterSpec> t{"physical_adapter", "A dedicated physical I/O adapter (or SR-IOV logical port / LHEA port): blocks active migration.", {
    field<&PhysicalAdapterSpec::location>("location", "Location code, e.g. \"U78D3.001.ABC1234-P1-C3\".", req),
    field<&PhysicalAdapterSpec::type>("type", "Adapter type."),
  }};
  return t;
}

template <> const ObjectTable<WorkloadSpec>& table<WorkloadSpec>() {
  using C = models::memory::MemoryContent;
  static const ObjectTable<WorkloadSpec> t{"workload", "How the partition touches and dirties its memory.", {
    field<&WorkloadSpec::content, &C::touched_fraction>("touched_fraction", "Fraction of memory ever written; untouched pages are never sent.", opt, kOpenFraction),
    field<&WorkloadSpec::content, &C::zero_page_fraction>("zero_page_fraction", "Fraction of touched pages that are all zeros (sent as a header only).", opt, kFraction),
    field<&WorkloadSpec::content, &C::top_block>("top_block", "Bytes of touched data that sit densely at the highest addresses (scanned last, so still pending when a threshold stop rule fires), data the dirty model does not write: a Linux guest booted with an initrd holds it and its boot allocations there. The rest of the touched data is spread evenly.", opt, kNonNegative),
    field<&WorkloadSpec::content, &C::compression_ratio>("compression_ratio", "Stream compression ratio (>= 1; 1 = none).", opt, range(1, 1000)),
    field<&WorkloadSpec::dirty>("dirty", "The dirty model, chosen by `model`."),
  }};
  return t;
}

template <> const ObjectTable<ConstantDirtySpec>& table<ConstantDirtySpec>() {
  static const ObjectTable<ConstantDirtySpec> t{"dirty_constant", "Distinct new pages dirtied at a constant rate until all touched memory is dirty (the closed-form models' assumption).", {
    field<&ConstantDirtySpec::dirty_rate>("dirty_rate", "Distinct pages dirtied per second (pages/s, or a byte rate).", req, kNonNegative),
    field<&ConstantDirtySpec::working_set_fraction>("working_set_fraction", "Span the writer sweeps in order, wrapping, as a fraction of touched memory.", opt, kOpenFraction),
  }};
  return t;
}

template <> const ObjectTable<UniformDirtySpec>& table<UniformDirtySpec>() {
  static const ObjectTable<UniformDirtySpec> t{"dirty_uniform", "Writes spread uniformly over a working set; re-writes of dirty pages saturate.", {
    field<&UniformDirtySpec::write_rate>("write_rate", "Page writes per second over the working set.", req, kNonNegative),
    field<&UniformDirtySpec::working_set_fraction>("working_set_fraction", "Working set as a fraction of touched memory.", opt, kOpenFraction),
  }};
  return t;
}

template <> const ObjectTable<HotColdDirtySpec>& table<HotColdDirtySpec>() {
  static const ObjectTable<HotColdDirtySpec> t{"dirty_hot_cold", "A hot set written fast, the rest of touched memory slowly.", {
    field<&HotColdDirtySpec::hot_fraction>("hot_fraction", "Hot set as a fraction of touched memory.", req, kOpenFraction),
    field<&HotColdDirtySpec::hot_write_rate>("hot_write_rate", "Page writes per second into the hot set.", req, kNonNegative),
    field<&HotColdDirtySpec::cold_write_rate>("cold_write_rate", "Page writes per second into the cold rest.", opt, kNonNegative),
  }};
  return t;
}

template <> const ObjectTable<ZipfDirtySpec>& table<ZipfDirtySpec>() {
  static const ObjectTable<ZipfDirtySpec> t{"dirty_zipf", "Zipf page popularity: the rank-k page is written at a rate proportional to k^-exponent.", {
    field<&ZipfDirtySpec::write_rate>("write_rate", "Total page writes per second.", req, kNonNegative),
    field<&ZipfDirtySpec::exponent>("exponent", "Zipf exponent s.", opt, range(0.01, 10)),
  }};
  return t;
}

template <> const ObjectTable<PhaseSpec>& table<PhaseSpec>() {
  static const ObjectTable<PhaseSpec> t{"phase", "One phase of a phases workload.", {
    field<&PhaseSpec::duration>("duration", "How long the phase lasts (clocks simulation and migration).", opt, kPositive),
    field<&PhaseSpec::from>("from", "Time of day the phase begins, every day (clock day).", opt),
    field<&PhaseSpec::dirty>("dirty", "The phase's dirty model (constant, uniform, hot_cold or zipf).", req),
  }};
  return t;
}

template <> const ObjectTable<PhasesDirtySpec>& table<PhasesDirtySpec>() {
  static const ObjectTable<PhasesDirtySpec> t{"dirty_phases", "Piecewise dirtying over time; phases do not nest.", {
    field<&PhasesDirtySpec::clock>("clock", "What phase times count from: simulation (simulated time 0), migration (each migration's pre-copy start) or day (phases begin at times of day, simulated time 0 at simulation.start_of_day)."),
    field<&PhasesDirtySpec::phases>("phases", "The phases in order; each uses the first phase's dirty model and shape, only rates change (0 allowed).", req, at_least_one()),
    field<&PhasesDirtySpec::repeat>("repeat", "Start again after the last phase (otherwise the last one lasts forever); the day clock always repeats."),
  }};
  return t;
}

template <> const ObjectTable<TraceDirtySpec>& table<TraceDirtySpec>() {
  static const ObjectTable<TraceDirtySpec> t{"dirty_trace", "Replay of recorded dirty counts (format: see the memory model's documentation).", {
    field<&TraceDirtySpec::file>("file", "Trace file, relative to the scenario file; must exist.", req),
    field<&TraceDirtySpec::repeat>("repeat", "Replay again from the start when the trace ends: the last sample's time ends a cycle (its rate is not used); otherwise the last rate holds forever."),
  }};
  return t;
}

template <> const ObjectTable<LparSpec>& table<LparSpec>() {
  using C = pw::LparConfig;
  constexpr auto c = &LparSpec::config;
  static const ObjectTable<LparSpec> t{"lpar", "A client logical partition.", {
    field<c, &C::id>("id", "Partition id, unique on its system (VIOS included).", req, range(1, 1000)),
    field<c, &C::name>("name", "Partition name, unique in the scenario (`migrlpar -p`).", req, kName),
    field<c, &C::os>("os", "Operating system.", req),
    field<c, &C::state>("state", "running (active migration) or not_activated (inactive migration)."),
    view<LparMemory, c>("memory", "Memory min/desired/max.", req),
    field<c, &C::processors>("processors", "Processors."),
    field<c, &C::current_compat_mode>("current_compatibility_mode", "Current processor compatibility mode."),
    field<c, &C::preferred_compat_mode>("preferred_compatibility_mode", "Preferred processor compatibility mode."),
    field<c, &C::page_size>("page_size", "Base page size: 4KiB or 64KiB.", opt, kPositive),
    field<c, &C::huge_pages_16g>("huge_pages", "16 GB huge pages assigned (> 0 blocks active migration).", opt, range(0, 1000000)),
    field<c, &C::bsr_arrays>("bsr_arrays", "Barrier synchronization register arrays (> 0 blocks active migration).", opt, range(0, 1000000)),
    field<c, &C::rmc_active>("rmc_active", "RMC connection to the HMC is up (needed for active migration)."),
    field<c, &C::dlpar_capable>("dlpar_capable", "DLPAR memory and processor capability (needed for active migration)."),
    field<c, &C::restricted_io>("restricted_io", "IBM i: the partition is in restricted I/O mode (required to migrate it)."),
    field<c, &C::redundant_error_path_reporting>("redundant_error_path_reporting", "Redundant error path reporting (must be off to migrate)."),
    field<c, &C::virtual_optical>("virtual_optical", "A virtual optical device is attached (blocks migration)."),
    field<c, &C::workload_group>("workload_group", "Partition workload group; \"\" = none."),
    field<&LparSpec::max_virtual_slots>("max_virtual_slots", "Maximum virtual adapter slots of the partition.", opt, range(2, 65535)),
    field<&LparSpec::virtual_adapters>("virtual_adapters", "Client virtual adapters."),
    field<&LparSpec::physical_adapters>("physical_adapters", "Dedicated physical adapters."),
    field<&LparSpec::workload>("workload", "Memory touching and dirtying."),
  }};
  return t;
}

template <> const ObjectTable<pw::Sea>& table<pw::Sea>() {
  static const ObjectTable<pw::Sea> t{"sea", "A Shared Ethernet Adapter and the VLANs it bridges.", {
    field<&pw::Sea::name>("name", "Device name, e.g. \"ent8\".", req, kName),
    field<&pw::Sea::bridged_vlans>("vlans", "Bridged VLAN ids.", req, at_least_one(range(1, 4094))),
    field<&pw::Sea::vswitch>("vswitch", "Virtual switch whose VLANs it bridges.", opt, kName),
  }};
  return t;
}

template <> const ObjectTable<pw::MspConfig>& table<pw::MspConfig>() {
  static const ObjectTable<pw::MspConfig> t{"msp", "The mover service partition role (msp=1) and its vioslpm0 tunables.", {
    field<&pw::MspConfig::ip_interface>("interface", "Network node (kind msp_interface) carrying the MSP's IP address.", req, kName),
    field<&pw::MspConfig::cfg_msp_lpm_ops>("cfg_msp_lpm_ops", "Concurrent LPM operations this MSP accepts.", opt, range(1, 8)),
    field<&pw::MspConfig::concurrency_lvl>("concurrency_lvl", "Resources per migration: lower = more buffers and threads.", opt, range(1, 5)),
    field<&pw::MspConfig::rate_per_cpu>("throughput_per_cpu", "Data the MSP moves per entitled processor [INF].", opt, kPositive),
    field<&pw::MspConfig::max_lpm_threads>("max_lpm_threads", "LPM threads the VIOS runs at once over all migrations [INF].", opt, range(1, 256)),
  }};
  return t;
}

// A VIOS's `memory` is its partition's min, desired and max; `processors` its entitlement (and
// the MSP's CPU); `msp` present makes it a mover service partition.
sim::Bytes vios_memory(const ViosSpec& v) { return v.config.partition.memory_desired; }
void set_vios_memory(ViosSpec& v, const sim::Bytes& m) {
  auto& p = v.config.partition;
  p.memory_min = p.memory_desired = p.memory_max = m;
}
double vios_processors(const ViosSpec& v) { return v.config.partition.processors.entitlement.as_cores(); }
void set_vios_processors(ViosSpec& v, const double& p) {
  v.config.partition.processors.entitlement = pw::ProcessingUnits::hundredths(static_cast<std::int64_t>(p * 100 + 0.5));
  v.config.partition.processors.virtual_procs = std::max(1, static_cast<int>(p + 0.999));
}
std::optional<pw::MspConfig> vios_msp(const ViosSpec& v) {
  return v.config.msp ? std::optional<pw::MspConfig>(v.config.msp_config) : std::nullopt;
}
void set_vios_msp(ViosSpec& v, const std::optional<pw::MspConfig>& msp) {
  v.config.msp = msp.has_value();
  if (msp) v.config.msp_config = *msp;
  v.config.msp_config.cpu_capacity = v.config.partition.processors.entitlement;
}

template <> const ObjectTable<ViosSpec>& table<ViosSpec>() {
  using C = pw::ViosConfig;
  constexpr auto c = &ViosSpec::config;
  static const ObjectTable<ViosSpec> t{"vios", "A Virtual I/O Server partition.", {
    field<c, &C::partition, &pw::LparConfig::id>("id", "Partition id, unique on its system (LPARs included).", req, range(1, 1000)),
    field<c, &C::partition, &pw::LparConfig::name>("name", "VIOS name, unique in the scenario.", req, kName),
    computed<&vios_memory, &set_vios_memory>("memory", "Memory assigned (counts against the system).", opt, kPositive),
    computed<&vios_processors, &set_vios_processors>("processors", "Entitled processing units; bound the MSP's throughput.", opt, kPositive),
    field<c, &C::max_virtual_slots>("max_virtual_slots", "Maximum virtual adapter slots.", opt, range(3, 65535)),
    field<c, &C::partition, &pw::LparConfig::rmc_active>("rmc_active", "RMC connection to the HMC is up."),
    field<&ViosSpec::fc_ports>("fc_ports", "Physical FC ports for NPIV, e.g. [\"fcs0\"]."),
    field<c, &C::visible_luns>("luns", "LUN ids visible to this VIOS (storage visibility)."),
    field<c, &C::seas>("seas", "Shared Ethernet Adapters."),
    field<c, &C::sriov_ports>("sriov_ports", "SR-IOV physical ports that can back a vNIC."),
    computed<&vios_msp, &set_vios_msp>("msp", "Present when the VIOS is a mover service partition."),
  }};
  return t;
}

template <> const ObjectTable<NodeSpec>& table<NodeSpec>() {
  static const ObjectTable<NodeSpec> t{"node", "A network node.", {
    field<&NodeSpec::name>("name", "Node name, unique in the network.", req, kName),
    field<&NodeSpec::kind>("kind", "msp_interface (an MSP's IP interface) or switch.", req),
  }};
  return t;
}

template <> const ObjectTable<LinkSpec>& table<LinkSpec>() {
  static const ObjectTable<LinkSpec> t{"link", "A link between two nodes.", {
    field<&LinkSpec::name>("name", "Link name, unique in the network (faults refer to it).", req, kName),
    field<&LinkSpec::a>("a", "One end (a node name).", req, kName),
    field<&LinkSpec::b>("b", "The other end (a node name).", req, kName),
    field<&LinkSpec::config, &net::LinkConfig::bandwidth>("bandwidth", "Bandwidth per direction (half duplex: shared by both).", req, kPositive),
    field<&LinkSpec::config, &net::LinkConfig::bandwidth_reverse>("bandwidth_reverse", "b to a bandwidth when it differs from `bandwidth` (full duplex only).", opt, kPositive),
    field<&LinkSpec::config, &net::LinkConfig::latency>("latency", "One-way latency.", opt, kNonNegative),
    field<&LinkSpec::config, &net::LinkConfig::mtu>("mtu", "MTU in bytes (1500, 9000 for jumbo frames).", opt, range(576, 65535)),
    field<&LinkSpec::config, &net::LinkConfig::duplex>("duplex", "full or half duplex."),
  }};
  return t;
}

template <> const ObjectTable<BackgroundTrafficSpec>& table<BackgroundTrafficSpec>() {
  static const ObjectTable<BackgroundTrafficSpec> t{"background_traffic", "A constant-rate flow competing with migrations on one link.", {
    field<&BackgroundTrafficSpec::link>("link", "Link name.", req, kName),
    field<&BackgroundTrafficSpec::rate>("rate", "Offered rate.", req, kPositive),
    field<&BackgroundTrafficSpec::start>("start", "When it starts.", opt, kNonNegative),
    field<&BackgroundTrafficSpec::stop>("stop", "When it stops (after start); absent = never.", opt, kNonNegative),
  }};
  return t;
}

template <> const ObjectTable<NetworkSpec>& table<NetworkSpec>() {
  static const ObjectTable<NetworkSpec> t{"network", "The LPM network.", {
    field<&NetworkSpec::nodes>("nodes", "MSP interfaces and switches."),
    field<&NetworkSpec::links>("links", "Links between nodes."),
    field<&NetworkSpec::background_traffic>("background_traffic", "Competing traffic."),
  }};
  return t;
}

template <> const ObjectTable<mm::HmcLimits>& table<mm::HmcLimits>() {
  static const ObjectTable<mm::HmcLimits> t{"hmc_limits", "Concurrency limits the HMC enforces besides each system's and MSP's own.", {
    field<&mm::HmcLimits::max_per_pair>("max_per_msp_pair", "Concurrent migrations per MSP pair.", opt, range(1, 64)),
    field<&mm::HmcLimits::max_per_pair_on_slow_links>("max_on_slow_link", "Concurrent migrations over a slow link.", opt, range(1, 64)),
    field<&mm::HmcLimits::slow_link_bandwidth>("slow_link_bandwidth", "Links at or below this bandwidth are slow.", opt, kPositive),
  }};
  return t;
}

template <> const ObjectTable<pw::PowerModelConfig>& table<pw::PowerModelConfig>() {
  using P = pw::PowerModelConfig;
  static const ObjectTable<P> t{"power_model", "What a managed system draws: linear in CPU utilisation between idle_watts and busy_watts (Fan, Weber, Barroso 2007). Defaults are assumptions (IBM publishes none for Power10 scale-out).", {
    field<&P::busy_watts>("busy_watts", "Watts with every installed core busy.", opt, kPositive),
    field<&P::idle_watts>("idle_watts", "Watts idle (at most busy_watts).", opt, kNonNegative),
    field<&P::memory_watts_per_gib>("memory_watts_per_gib", "Watts per GiB of the destination's copy of the partition's memory while both systems hold it (0 if that memory is powered anyway).", opt, kNonNegative),
  }};
  return t;
}

template <> const ObjectTable<pc::PowervmPolicyConfig>& table<pc::PowervmPolicyConfig>() {
  static const ObjectTable<pc::PowervmPolicyConfig> t{"policy_powervm", "PowerVM-like [INF]: stop when remaining dirty <= threshold, after no_progress_passes passes without shrinking, or at max_passes / max_precopy_time.", {
    field<&pc::PowervmPolicyConfig::max_remaining_bytes>("remaining_threshold", "Remaining dirty memory (on the wire) low enough to suspend.", opt, kNonNegative),
    field<&pc::PowervmPolicyConfig::max_remaining_fraction>("remaining_fraction", "Or remaining dirty pages as a fraction of touched pages low enough to suspend (0 = off).", opt, kFraction),
    field<&pc::PowervmPolicyConfig::no_progress_passes>("no_progress_passes", "Passes without the dirty set shrinking before stopping.", opt, range(1, 1000)),
    field<&pc::PowervmPolicyConfig::min_shrink>("min_shrink", "Relative shrink of the dirty set that counts as progress.", opt, kFraction),
    field<&pc::PowervmPolicyConfig::max_passes>("max_passes", "Pass limit.", opt, range(1, 10000)),
    field<&pc::PowervmPolicyConfig::max_time>("max_precopy_time", "Pre-copy time limit.", opt, kPositive),
  }};
  return t;
}

template <> const ObjectTable<pc::XenPolicyConfig>& table<pc::XenPolicyConfig>() {
  static const ObjectTable<pc::XenPolicyConfig> t{"policy_xen", "Xen xc_domain_save: stop when a pass sends < min_remaining_pages, after max_iterations, or past max_factor x memory sent.", {
    field<&pc::XenPolicyConfig::variant>("variant", "classic (xc_domain_save) or v2 (xg_sr_save: no max_factor rule, judges the dirty count)."),
    field<&pc::XenPolicyConfig::target_pages>("min_remaining_pages", "Pages-per-pass threshold.", opt, kNonNegative),
    field<&pc::XenPolicyConfig::max_iters>("max_iterations", "Iteration limit.", opt, range(1, 10000)),
    field<&pc::XenPolicyConfig::max_factor>("max_factor", "Total sent limit as a multiple of memory.", opt, kPositive),
  }};
  return t;
}

template <> const ObjectTable<pc::QemuPolicyConfig>& table<pc::QemuPolicyConfig>() {
  using Q = pc::QemuPolicyConfig;
  using A = pc::AutoConvergeConfig;
  static const ObjectTable<Q> t{"policy_qemu", "QEMU: switch over when remaining / measured bandwidth <= downtime_limit; optional auto-converge throttling.", {
    field<&Q::downtime_limit>("downtime_limit", "Maximum expected downtime.", opt, kPositive),
    field<&Q::max_bandwidth>("max_bandwidth", "Rate limit of the live passes (lifted for the switchover).", opt, kPositive),
    field<&Q::bandwidth_window>("bandwidth_window", "Bandwidth measurement window.", opt, kPositive),
    field<&Q::avail_switchover_bandwidth>("avail_switchover_bandwidth", "Bandwidth assumed for the switchover decision instead of the measured one; absent = measured.", opt, kPositive),
    field<&Q::auto_converge>("auto_converge", "Throttle the vCPUs when dirtying outpaces the transfer."),
    field<&Q::throttle, &A::trigger_threshold>("throttle_trigger_threshold", "Throttle when the bytes dirtied in a period exceed this share of the bytes sent, twice.", opt, kOpenFraction),
    field<&Q::throttle, &A::initial>("cpu_throttle_initial", "First throttle level.", opt, kOpenFraction),
    field<&Q::throttle, &A::increment>("cpu_throttle_increment", "Throttle step.", opt, kOpenFraction),
    field<&Q::throttle, &A::max>("max_cpu_throttle", "Highest throttle level.", opt, kOpenFraction),
    field<&Q::throttle, &A::tailslow>("cpu_throttle_tailslow", "Smaller steps near the level that would suffice."),
    field<&Q::throttle, &A::evaluation_period>("evaluation_period", "Time between auto-converge evaluations.", opt, kPositive),
  }};
  return t;
}

template <> const ObjectTable<pc::SimgridPolicyConfig>& table<pc::SimgridPolicyConfig>() {
  static const ObjectTable<pc::SimgridPolicyConfig> t{"policy_simgrid", "SimGrid: stop when remaining <= measured bandwidth x max_downtime.", {
    field<&pc::SimgridPolicyConfig::max_downtime>("max_downtime", "Maximum downtime.", opt, kPositive),
    field<&pc::SimgridPolicyConfig::timeout>("timeout", "Global timeout that forces the stop-and-copy.", opt, kPositive),
  }};
  return t;
}

template <> const ObjectTable<pc::PrecopyConfig>& table<pc::PrecopyConfig>() {
  using P = pc::PrecopyConfig;
  using S = models::memory::PageStreamConfig;
  static const ObjectTable<P> t{"precopy", "Pre-copy mechanics.", {
    field<&P::switchover>("mode", "hybrid: resume on the destination, then post-copy the rest (PowerVM); pure_precopy: send everything in the blackout (Xen, QEMU)."),
    field<&P::page_stream, &S::page_size>("tracking_granularity", "Dirty tracking page size: 4KiB or 64KiB.", opt, kPositive),
    field<&P::chunk>("chunk_size", "Transfer chunk (a multiple of tracking_granularity).", opt, kPositive),
    field<&P::max_chunks_in_flight>("max_chunks_in_flight", "Chunks in flight per stream.", opt, range(1, 64)),
    field<&P::page_stream, &S::send_untouched>("send_untouched", "Pass 1 scans every page and sends the never-written ones as zero pages (zero_page_record each), like QEMU."),
    field<&P::state_bytes>("device_state_size", "CPU and device state sent in the blackout.", opt, kNonNegative),
    field<&P::switchover_rate>("switchover_rate", "Rate of the stop-and-copy transfer (no live rate limit applies to it); absent = what the path carries.", opt, kPositive),
    field<&P::switchover_cost>("switchover_cost", "Fixed part of the blackout on top of the transfer (stopping vCPUs, device state save/load).", opt, kNonNegative),
    field<&P::page_stream, &S::page_header>("page_header", "Stream bytes per page sent besides its data (QEMU: 8).", opt, kNonNegative),
    field<&P::live_rate_efficiency>("live_rate_efficiency", "Share of each rate-limit slice the live stream uses (the slice lasts bandwidth_window / this); fitted by calibrate.", opt, kOpenFraction),
    field<&P::page_stream, &S::zero_page_record>("zero_page_record", "Stream bytes of a zero page, sent instead of its data (QEMU: 9).", opt, kNonNegative),
  }};
  return t;
}

template <> const ObjectTable<pc::PostcopyConfig>& table<pc::PostcopyConfig>() {
  static const ObjectTable<pc::PostcopyConfig> t{"postcopy", "The hybrid mode's post-copy tail. The background push and the pages fetched on demand share the migration's MSP stream: the pages faulted while a push chunk was in flight go with the next push chunk, and on a transfer of their own only when no push is left.", {
    field<&pc::PostcopyConfig::chunk>("chunk_size", "Background push chunk; absent = hmc.precopy.chunk_size (the same stream).", opt, kPositive),
    field<&pc::PostcopyConfig::max_chunks_in_flight>("max_chunks_in_flight", "Transfers in flight on the stream (push chunks, with the demand-fetched pages they carry).", opt, range(1, 64)),
    field<&pc::PostcopyConfig::touch_factor>("touch_factor", "Memory touches per page write (reads of missing pages fault too).", opt, range(0, 1000)),
    field<&pc::PostcopyConfig::expected_min_step>("expected_min_step", "Expected mode: smallest push step, as a fraction of what was missing at resume.", opt, kOpenFraction),
  }};
  return t;
}

// Three file objects of one struct, ProtocolSettings: its phase costs, its timeouts and the
// platform whose fixed costs apply.
struct PhaseTimes {
  using Struct = mm::ProtocolSettings;
};
struct Timeouts {
  using Struct = mm::ProtocolSettings;
};
struct PlatformCosts {
  using Struct = mm::ProtocolSettings;
};

template <> const ObjectTable<mm::ProtocolSettings>& table<PhaseTimes>() {
  using P = mm::ProtocolSettings;
  static const ObjectTable<P> t{"phase_times", "Costs of the non-transfer protocol steps [INF unless the domain documents cite one].", {
    field<&P::validation_base>("validation", "Fixed part of HMC validation; validation_per_adapter and the NPIV disk checks come on top.", opt, kNonNegative),
    field<&P::validation_per_adapter>("validation_per_adapter", "Validation per client virtual adapter.", opt, kNonNegative),
    field<&P::npiv_disk_validation>("npiv_disk_validation", "Validation per vFC adapter with --npivval portdisk.", opt, kNonNegative),
    field<&P::shell_creation>("preparation", "Creating the destination shell partition; vios_adapter_define per adapter and msp_setup come on top.", opt, kNonNegative),
    field<&P::vios_adapter_define>("vios_adapter_define", "Defining one server adapter and its mapping on a destination VIOS.", opt, kNonNegative),
    field<&P::msp_setup>("msp_setup", "MSP pair connections and VASI stream Enabled.", opt, kNonNegative),
    field<&P::os_check_linux>("os_check_linux", "Linux `drmgr -p check` over RMC.", opt, kNonNegative),
    field<&P::os_check_aix>("os_check_aix", "AIX DLPAR checkmigrate phase.", opt, kNonNegative),
    field<&P::os_check_ibmi>("os_check_ibmi", "IBM i suspend exit point programs.", opt, kNonNegative),
    field<&P::linux_pre_sleep>("linux_pre_sleep", "Linux: `drmgr -p pre` sleeps before handing over the stream id.", opt, kNonNegative),
    field<&P::linux_vasi_poll>("linux_vasi_poll", "Linux: kernel poll of the VASI state until Suspending.", opt, kPositive),
    field<&P::cpu_join>("cpu_join", "stop_machine and H_JOIN of all CPUs.", opt, kNonNegative),
    field<&P::cpu_join_per_vcpu>("cpu_join_per_vcpu", "Join time per virtual processor.", opt, kNonNegative),
    field<&P::suspend_attempts>("suspend_attempts", "Linux join/suspend attempts.", opt, range(1, 100)),
    field<&P::first_retry_gap>("first_retry_gap", "Gap before the second attempt; x10 each time.", opt, kNonNegative),
    field<&P::aix_suspend_latency>("aix_suspend_latency", "AIX quiesce to suspended.", opt, kNonNegative),
    field<&P::ibmi_suspend_latency>("ibmi_suspend_latency", "IBM i quiesce to suspended.", opt, kNonNegative),
    field<&P::hypervisor_resume>("hypervisor_resume", "Hypervisor resume on the destination.", opt, kNonNegative),
    field<&P::linux_vasi_completed_poll>("linux_vasi_completed_poll", "Linux: kernel poll until the stream is Completed.", opt, kPositive),
    field<&P::profile_update>("completion", "HMC profile update after the last page; vios_cleanup_per_adapter and memory_reclaim_per_gib come on top.", opt, kNonNegative),
    field<&P::vios_cleanup_per_adapter>("vios_cleanup_per_adapter", "Source VIOS cleanup per adapter.", opt, kNonNegative),
    field<&P::memory_reclaim_per_gib>("memory_reclaim_per_gib", "Source hypervisor freeing memory, per GiB.", opt, kNonNegative),
    field<&P::rollback_cleanup>("rollback_cleanup", "Removing the shell and destination mappings after a stop or abort.", opt, kNonNegative),
    field<&P::recover>("recover", "`migrlpar -o r`.", opt, kNonNegative),
    field<&P::msp_failover>("msp_failover", "Redundant MSP pairs: from one pair's failure to its chunks flowing on the surviving pair.", opt, kNonNegative),
    field<&P::resume_on_source>("resume_on_source", "The source hypervisor resuming a partition whose blackout failed before Resumed.", opt, kNonNegative),
    field<&P::inactive_profile_transfer>("inactive_profile_transfer", "Inactive migration: the HMC moving the partition's profiles and NVRAM to the destination.", opt, kNonNegative),
  }};
  return t;
}

template <> const ObjectTable<mm::ProtocolSettings>& table<PlatformCosts>() {
  using P = mm::ProtocolSettings;
  static const ObjectTable<P> t{"platform", "Whose fixed costs apply.", {
    field<&P::platform>("kind", "powervm: HMC validation, preparation, the OS suspend handshake, completion; bare_hypervisor: a hypervisor migrating its own guest (QEMU/KVM) with none of them."),
    field<&P::bare_suspend_latency>("suspend_latency", "bare_hypervisor: stop decided to vCPUs stopped.", opt, kNonNegative),
    field<&P::bare_resume_latency>("resume_latency", "bare_hypervisor: last byte to the guest running on the destination.", opt, kNonNegative),
  }};
  return t;
}

template <> const ObjectTable<mm::ProtocolSettings>& table<Timeouts>() {
  using P = mm::ProtocolSettings;
  static const ObjectTable<P> t{"timeouts", "Timeouts after which a migration is failed.", {
    field<&P::migration_timeout>("migration", "From the request: a migration still before the suspend point is then stopped and rolled back like `-o s`; past it, it is left to finish (pypowervm: 4 x 1800 s).", opt, kPositive),
    field<&P::suspend_timeout>("suspend", "Suspending to Suspended: longer, and the migration rolls back to the source [assumption].", opt, kPositive),
  }};
  return t;
}

template <> const ObjectTable<pc::AutoConvergeConfig>& table<pc::AutoConvergeConfig>() {
  using A = pc::AutoConvergeConfig;
  static const ObjectTable<A> t{"auto_converge", "QEMU's cpu-throttle state machine (defaults of migration/options.c), usable under every stop policy.", {
    field<&A::trigger_threshold>("trigger_threshold", "Throttle when the bytes dirtied in a period exceed this share of the bytes sent, twice.", opt, kOpenFraction),
    field<&A::initial>("initial", "First throttle level (share of the vCPUs' time).", opt, kOpenFraction),
    field<&A::increment>("increment", "Throttle added at each later trigger.", opt, kOpenFraction),
    field<&A::max>("max", "Highest throttle level.", opt, kOpenFraction),
    field<&A::tailslow>("tailslow", "Smaller steps near the level that would suffice."),
    field<&A::evaluation_period>("evaluation_period", "Least time between two evaluations.", opt, kPositive),
  }};
  return t;
}

// `policy` comes first: reading it resets the object to that preset, and the keys after it
// change single values of the preset. The echo writes `policy` and only the values that differ
// from its preset, so that the effective scenario reads back the same and patching `policy`
// (`--set /hmc/convergence/policy=nova`) switches presets.
using ConvergenceConfig = models::precopy::ConvergenceConfig;

Field<ConvergenceConfig> convergence_policy_field() {
  auto f = field<&ConvergenceConfig::policy>("policy", "The management layer whose defaults the other keys start from: powervm (none: the stop policy and the HMC's timeout decide), nova (OpenStack: downtime ramp 500ms in 10 steps of 75s/GiB, 800s/GiB completion timeout → abort), kubevirt (stall 150s → abort, 150s/GiB → abort), auto_converge (QEMU cpu-throttle), custom (all off). Other keys default to the preset's values.");
  f.read = [](Context& ctx, const Json& j, const std::string& ptr, const Constraint& k, ConvergenceConfig& s) {
    models::precopy::ConvergencePolicyKind kind = s.policy;
    Codec<models::precopy::ConvergencePolicyKind>::read(ctx, j, ptr, k, kind);
    s = models::precopy::convergence_preset(kind);
  };
  return f;
}

template <auto M>
Field<ConvergenceConfig> preset_field(std::string_view key, std::string_view doc, Constraint c = {}) {
  using T = typename MemberOf<decltype(M)>::Type;
  auto f = field<M>(key, doc, Need::optional, c);
  f.write = [](const ConvergenceConfig& s, Json& object, std::string_view name) {
    if (s.*M == models::precopy::convergence_preset(s.policy).*M) return;
    object[std::string(name)] = Codec<T>::write(s.*M);
  };
  return f;
}

template <> const ObjectTable<ConvergenceConfig>& table<ConvergenceConfig>() {
  using C = ConvergenceConfig;
  static const ObjectTable<C> t{"convergence", "The management layer above the stop policy (issue 20): what Nova, KubeVirt or libvirt do when pre-copy does not converge, checked at each pass end. Defaults are those of `policy`.", {
    convergence_policy_field(),
    preset_field<&C::ramp_max_downtime>("ramp_max_downtime", "Downtime ramp: the allowed downtime rises in ramp_steps steps to this; the pre-copy stops once remaining / bandwidth is within it (0s = off; Nova 500ms; kubevirt and auto_converge: QEMU's fixed 300ms).", kNonNegative),
    preset_field<&C::ramp_steps>("ramp_steps", "Steps of the downtime ramp (Nova 10).", range(1, 1000)),
    preset_field<&C::ramp_step_delay_per_gib>("ramp_step_delay_per_gib", "Time between ramp steps per GiB of memory (Nova 75s).", kNonNegative),
    preset_field<&C::stall_timeout>("stall_timeout", "Act when the remaining data has not reached a new low for this long (0s = off; KubeVirt progressTimeout 150s).", kNonNegative),
    preset_field<&C::monitor_interval>("monitor_interval", "How often the stall detection reads the remaining data, on a grid from the pre-copy start; a pass's low is the remaining at its last poll before the sync (0s = once per pass, after the sync; KubeVirt's monitor loop: 400ms).", kNonNegative),
    preset_field<&C::stall_action>("stall_action", "What a stall does: abort (roll back), postcopy, force_stop_and_copy."),
    preset_field<&C::completion_timeout_per_gib>("completion_timeout_per_gib", "Act when pre-copy has run this long per GiB of memory (0s = off; Nova 800s, KubeVirt 150s).", kNonNegative),
    preset_field<&C::completion_action>("completion_action", "What the completion timeout does: abort (roll back), postcopy, force_stop_and_copy."),
    preset_field<&C::min_gib>("min_gib", "Per-GiB values count at least this many GiB (Nova 2).", kNonNegative),
    preset_field<&C::auto_converge>("auto_converge", "Throttle the partition as QEMU auto-converge does, under any stop policy."),
    preset_field<&C::throttle>("throttle", "Auto-converge's throttle steps."),
    preset_field<&C::owns_stop>("owns_stop", "The layer alone decides when to stop; the stop policy's stops are overruled (the stacks Nova and KubeVirt run over QEMU)."),
  }};
  return t;
}

template <> const ObjectTable<mm::RunVariationConfig>& table<mm::RunVariationConfig>() {
  using V = mm::RunVariationConfig;
  static const ObjectTable<V> t{"run_variation", "How one migration differs from another of the same configuration: log-normal factors with median 1, drawn per migration from the seed, when simulation.variation is on (auto: in a sweep over /simulation/seed). Each is the standard deviation of the factor's natural logarithm; 0 = no variation of that quantity.", {
    field<&V::phase_time_sigma>("phase_time_sigma", "Validation, preparation and completion times, each on its own (assumption: no repeated PowerVM timings are published).", opt, range(0, 1)),
    field<&V::dirty_rate_sigma>("dirty_rate_sigma", "The workload's write rates, one factor per migration (fitted on the repeated QEMU runs: their synthetic dirtier; production workloads vary more).", opt, range(0, 1)),
    field<&V::stop_and_copy_speed_sigma>("stop_and_copy_speed_sigma", "The stop-and-copy transfer speed (fitted on the repeated QEMU runs): a slower draw makes the transfer take its time / factor; a faster one raises a switchover_rate, as far as the path allows (no stream outruns its path).", opt, range(0, 1)),
    field<&V::live_rate_sigma>("live_rate_sigma", "The live stream's share of each rate-limit slice (precopy.live_rate_efficiency, at most 1), where a stop policy limits the live rate (qemu) (fitted on the repeated QEMU runs).", opt, range(0, 1)),
    field<&V::switchover_cost_sigma>("switchover_cost_sigma", "The fixed part of the switchover: precopy.switchover_cost and the hypervisor's resume (assumption: as the stop-and-copy speed).", opt, range(0, 1)),
  }};
  return t;
}

template <> const ObjectTable<HmcSpec>& table<HmcSpec>() {
  using S = mm::MigrationSettings;
  static const ObjectTable<HmcSpec> t{"hmc", "The HMC: limits and migration policy.", {
    view<PlatformCosts, &HmcSpec::settings, &S::protocol>("platform", "Whose fixed costs apply (PowerVM or a bare hypervisor)."),
    field<&HmcSpec::limits>("limits", "Concurrency limits."),
    field<&HmcSpec::settings, &S::stop_policy>("stop_policy", "When pre-copy stops, chosen by `policy`."),
    field<&HmcSpec::settings, &S::convergence>("convergence", "The management layer above the stop policy (downtime ramp, stall detection, completion timeout, auto-converge), chosen by `policy`."),
    field<&HmcSpec::settings, &S::precopy>("precopy", "Pre-copy mechanics."),
    field<&HmcSpec::settings, &S::postcopy>("postcopy", "Post-copy tail (hybrid mode)."),
    view<PhaseTimes, &HmcSpec::settings, &S::protocol>("phase_times", "Protocol step costs."),
    view<Timeouts, &HmcSpec::settings, &S::protocol>("timeouts", "Timeouts."),
    field<&HmcSpec::settings, &S::variation>("run_variation", "Run-to-run variation of the migrations (used when simulation.variation is on)."),
  }};
  return t;
}

template <> const ObjectTable<MigrlparSpec>& table<MigrlparSpec>() {
  static const ObjectTable<MigrlparSpec> t{"migrlpar", "A migrlpar request as structured fields (same rules as the command line).", {
    field<&MigrlparSpec::operation>("operation", "-o: m migrate, v validate, s stop, r recover.", req),
    field<&MigrlparSpec::managed_system>("managed_system", "-m: the source managed system.", req, kName),
    field<&MigrlparSpec::target_managed_system>("target_managed_system", "-t: the destination (required for m and v).", opt, kName),
    field<&MigrlparSpec::lpar_names>("lpar_names", "-p: partition names.", opt, kName),
    field<&MigrlparSpec::lpar_ids>("lpar_ids", "--id: partition ids.", opt, range(1, 1000)),
    field<&MigrlparSpec::all>("all", "--all: every partition of the source (m only)."),
    field<&MigrlparSpec::profile_name>("profile_name", "-n: destination profile name (<= 31 characters).", opt),
    field<&MigrlparSpec::redundant_msps>("redundant_msps", "--redundantmsps: 0 none, 1 required, 2 if possible.", opt, range(0, 2)),
    field<&MigrlparSpec::npiv_validation>("npiv_validation", "--npivval: port (the destination FC port reaches the vFC adapter's storage) or portdisk (and every one of its disks).", opt),
    field<&MigrlparSpec::force>("force", "--force (r only)."),
    field<&MigrlparSpec::dest_lpar_id>("dest_lpar_id", "-i dest_lpar_id: partition id on the destination.", opt, range(1, 1000)),
    field<&MigrlparSpec::source_msp_name>("source_msp_name", "-i source_msp_name.", opt, kName),
    field<&MigrlparSpec::source_msp_id>("source_msp_id", "-i source_msp_id.", opt, range(1, 1000)),
    field<&MigrlparSpec::dest_msp_name>("dest_msp_name", "-i dest_msp_name.", opt, kName),
    field<&MigrlparSpec::dest_msp_id>("dest_msp_id", "-i dest_msp_id.", opt, range(1, 1000)),
    field<&MigrlparSpec::source_msp_ipaddr>("source_msp_ipaddr", "-i source_msp_ipaddr.", opt),
    field<&MigrlparSpec::dest_msp_ipaddr>("dest_msp_ipaddr", "-i dest_msp_ipaddr.", opt),
    field<&MigrlparSpec::shared_proc_pool_name>("shared_proc_pool_name", "-i shared_proc_pool_name.", opt, kName),
  }};
  return t;
}

template <> const ObjectTable<ActionSpec>& table<ActionSpec>() {
  static const ObjectTable<ActionSpec> t{"action", "An operator request at a time.", {
    field<&ActionSpec::at>("at", "When the request is issued.", req, kNonNegative),
    field<&ActionSpec::migrlpar>("migrlpar", "The request: \"-o m -m sysA -t sysB -p db01 -i \\\"dest_msp_name=vios2\\\"\" or an object.", req),
    field<&ActionSpec::convergence>("convergence", "The management layer for this request instead of hmc.convergence."),
  }};
  return t;
}

template <> const ObjectTable<ProtocolPointSpec>& table<ProtocolPointSpec>() {
  static const ObjectTable<ProtocolPointSpec> t{"protocol_point", "A point in one partition's migration.", {
    field<&ProtocolPointSpec::lpar>("lpar", "The migrating partition.", req, kName),
    field<&ProtocolPointSpec::point>("point", "The migration state entered.", req),
    field<&ProtocolPointSpec::pass>("pass", "Pre-copy pass number (point precopy only).", opt, range(1, 100000)),
  }};
  return t;
}

template <> const ObjectTable<FaultSpec>& table<FaultSpec>() {
  static const ObjectTable<FaultSpec> t{"fault", "A scheduled failure: exactly one of `at` and `at_point`.", {
    field<&FaultSpec::kind>("kind", "What fails.", req),
    field<&FaultSpec::target>("target", "link name (link_*), MSP VIOS (msp_crash), VIOS (vios_crash), system (system_failure), LPAR (os_suspend_refusal, hmc_stop), \"hmc\" (hmc_disconnect). A VIOS or LPAR is \"system/name\" or its bare name when unique.", req),
    field<&FaultSpec::at>("at", "At a simulated time.", opt, kNonNegative),
    field<&FaultSpec::at_point>("at_point", "When a migration reaches a point.", opt),
    field<&FaultSpec::repair_after>("repair_after", "Repair after this long: the link comes back up (link_down), the VIOS reboots (msp_crash, vios_crash), the HMC reconnects (hmc_disconnect); absent = never.", opt, kPositive),
  }};
  return t;
}

template <> const ObjectTable<OutputsSpec>& table<OutputsSpec>() {
  static const ObjectTable<OutputsSpec> t{"outputs", "Files `lpmsim run` writes when its command line does not name them, relative to the scenario's folder, which they may not leave; \"\" = not written.", {
    field<&OutputsSpec::report>("report", "Report JSON that `lpmsim run` writes when --report is not given."),
    field<&OutputsSpec::trace>("trace", "Trace file that `lpmsim run` writes when --trace / --perfetto is not given."),
    field<&OutputsSpec::trace_format>("trace_format", "Format of `trace`: jsonl (every trace record, as --trace) or perfetto (as --perfetto)."),
    field<&OutputsSpec::html>("html", "Self-contained HTML report that `lpmsim run` writes when --html is not given."),
  }};
  return t;
}

template <> const ObjectTable<SimulationSpec>& table<SimulationSpec>() {
  static const ObjectTable<SimulationSpec> t{"simulation", "How to simulate.", {
    field<&SimulationSpec::seed>("seed", "Master seed of the random streams."),
    field<&SimulationSpec::end_time>("end_time", "Simulated time limit; actions and faults must fall before it.", opt, kPositive),
    field<&SimulationSpec::memory_representation>("memory_representation", "exact (page bitmaps) or expected (page classes)."),
    field<&SimulationSpec::start_of_day>("start_of_day", "Wall-clock time at simulated time 0, for workloads whose phases follow the day clock."),
    field<&SimulationSpec::variation>("variation", "Run-to-run variation (hmc.run_variation): on, off, or auto — on in `lpmsim sweep` over /simulation/seed, off for a single run."),
    field<&SimulationSpec::outputs>("outputs", "Output files."),
  }};
  return t;
}
// clang-format on

void read_scenario(Context& ctx, const Json& json, ScenarioSpec& spec) { read_object<ScenarioSpec>(ctx, json, "", spec); }

Json write_scenario(const ScenarioSpec& spec) { return write_object<ScenarioSpec>(spec); }

std::vector<MemberId> bound_members() {
  SchemaBuilder b;
  object_schema<ScenarioSpec>(b);
  return b.bound;
}

Json generate_schema(std::vector<DocObject>* docs) {
  SchemaBuilder b;
  object_schema<ScenarioSpec>(b);
  Json schema{{"$schema", "https://json-schema.org/draft/2020-12/schema"},
              {"$id", "https://lpmsim.example/scenario.schema.json"},
              {"title", "lpmsim scenario"},
              {"$ref", "#/$defs/scenario"},
              {"$defs", b.defs}};
  if (docs != nullptr) *docs = std::move(b.docs);
  return schema;
}

}  // namespace app::scenario::detail
