// The field tables of every scenario object: key, need, constraint, documentation. The loader,
// the effective-spec echo, the JSON Schema and the README reference are all derived from them.
#include "app/scenario/spec_tables.hpp"

#include "app/scenario/field_table.hpp"

namespace app::scenario::detail {

namespace {
constexpr Need req = Need::required;
constexpr Need opt = Need::optional;
}  // namespace

// `migrlpar` is either the command line as a string or the same request as an object.
template <>
struct Codec<MigrlparSpec> {
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint&, MigrlparSpec& v) {
    if (j.is_string()) {
      const std::size_t before = ctx.diagnostics().size();
      parse_migrlpar(ctx, j.get_ref<const std::string&>(), ptr, v);
      if (ctx.diagnostics().size() == before) check_object(ctx, j, ptr, v);  // no cascades
    } else if (j.is_object()) {
      read_object(ctx, j, ptr, v);
    } else {
      ctx.error(ptr, "expected a migrlpar command string or an object; found " + describe(j));
    }
  }
  static Json write(const MigrlparSpec& v) { return write_object(v); }
  static Json schema(SchemaBuilder& b, const Constraint&) {
    return {{"oneOf", Json::array({Json{{"type", "string"}, {"minLength", 1}}, object_schema<MigrlparSpec>(b)})}};
  }
  static std::string type_name(const Constraint&) { return "migrlpar command string, or object `migrlpar`"; }
};

// clang-format off
template <> const ObjectTable<ScenarioSpec>& table() {
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

template <> const ObjectTable<ManagedSystemSpec>& table() {
  static const ObjectTable<ManagedSystemSpec> t{"managed_system", "A managed system (server) and its partitions.", {
    field<&ManagedSystemSpec::name>("name", "Managed system name, unique in the scenario (`migrlpar -m/-t`).", req, kName),
    field<&ManagedSystemSpec::machine_type_model>("machine_type_model", "Machine type and model, e.g. \"9105-42A\"."),
    field<&ManagedSystemSpec::processor_generation>("processor_generation", "Processor generation."),
    field<&ManagedSystemSpec::compatibility_modes>("compatibility_modes", "Processor compatibility modes the hypervisor supports.", req, at_least_one()),
    field<&ManagedSystemSpec::memory>("memory", "Installed (configurable) memory.", req, kPositive),
    field<&ManagedSystemSpec::processors>("processors", "Installed processor cores.", req, range(1, 4096)),
    field<&ManagedSystemSpec::lmb_size>("lmb_size", "Logical memory block size: 16MiB-256MiB, or 1GiB/2GiB/4GiB on Power10 FW1050+. Must match between source and destination.", opt, kPositive),
    field<&ManagedSystemSpec::firmware_level>("firmware_level", "System firmware level, \"FW\" + digits, e.g. \"FW1050\" or \"FW950.40\"."),
    field<&ManagedSystemSpec::powervm_edition>("powervm_edition", "PowerVM edition; LPM needs enterprise."),
    field<&ManagedSystemSpec::active_lpm_capable>("active_lpm_capable", "The system supports active partition mobility."),
    field<&ManagedSystemSpec::inactive_lpm_capable>("inactive_lpm_capable", "The system supports inactive partition mobility."),
    field<&ManagedSystemSpec::max_active_migrations>("max_active_migrations", "Concurrent active migrations the system supports.", opt, range(1, 64)),
    field<&ManagedSystemSpec::max_inactive_migrations>("max_inactive_migrations", "Concurrent inactive migrations the system supports.", opt, range(1, 64)),
    field<&ManagedSystemSpec::power>("power", "Power model of the system, for the energy a migration adds (assumed figures: see the model)."),
    field<&ManagedSystemSpec::lpars>("lpars", "Client partitions on this system."),
    field<&ManagedSystemSpec::vios>("vios", "Virtual I/O Server partitions on this system."),
  }};
  return t;
}

template <> const ObjectTable<LparMemorySpec>& table() {
  static const ObjectTable<LparMemorySpec> t{"lpar_memory", "Partition memory: min <= desired <= max, each a multiple of the system's LMB size.", {
    field<&LparMemorySpec::min>("min", "Minimum memory.", req, kPositive),
    field<&LparMemorySpec::desired>("desired", "Desired (assigned) memory.", req, kPositive),
    field<&LparMemorySpec::max>("max", "Maximum memory.", req, kPositive),
  }};
  return t;
}

template <> const ObjectTable<ProcessorSpec>& table() {
  static const ObjectTable<ProcessorSpec> t{"processors", "Partition processors.", {
    field<&ProcessorSpec::mode>("mode", "Shared (processing units) or dedicated (whole processors)."),
    field<&ProcessorSpec::desired>("desired", "Processing units (shared, >= 0.05 per virtual processor) or processors (dedicated, whole).", opt, kPositive),
    field<&ProcessorSpec::virtual_processors>("virtual_processors", "Virtual processors (shared mode).", opt, range(1, 4096)),
  }};
  return t;
}

template <> const ObjectTable<VirtualAdapterSpec>& table() {
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

template <> const ObjectTable<PhysicalAdapterSpec>& table() {
  static const ObjectTable<PhysicalAdapterSpec> t{"physical_adapter", "A dedicated physical I/O adapter (or SR-IOV logical port / LHEA port): blocks active migration.", {
    field<&PhysicalAdapterSpec::location>("location", "Location code, e.g. \"U78D3.001.ABC1234-P1-C3\".", req),
    field<&PhysicalAdapterSpec::type>("type", "Adapter type."),
  }};
  return t;
}

template <> const ObjectTable<WorkloadSpec>& table() {
  static const ObjectTable<WorkloadSpec> t{"workload", "How the partition touches and dirties its memory.", {
    field<&WorkloadSpec::touched_fraction>("touched_fraction", "Fraction of memory ever written; untouched pages are never sent.", opt, kOpenFraction),
    field<&WorkloadSpec::zero_page_fraction>("zero_page_fraction", "Fraction of touched pages that are all zeros (sent as a header only).", opt, kFraction),
    field<&WorkloadSpec::top_block>("top_block", "Bytes of touched data that sit densely at the highest addresses (scanned last, so still pending when a threshold stop rule fires), data the dirty model does not write: a Linux guest booted with an initrd holds it and its boot allocations there. The rest of the touched data is spread evenly.", opt, kNonNegative),
    field<&WorkloadSpec::compression_ratio>("compression_ratio", "Stream compression ratio (>= 1; 1 = none).", opt, range(1, 1000)),
    field<&WorkloadSpec::dirty>("dirty", "The dirty model, chosen by `model`."),
  }};
  return t;
}

template <> const ObjectTable<ConstantDirtySpec>& table() {
  static const ObjectTable<ConstantDirtySpec> t{"dirty_constant", "Distinct new pages dirtied at a constant rate until all touched memory is dirty (the closed-form models' assumption).", {
    field<&ConstantDirtySpec::dirty_rate>("dirty_rate", "Distinct pages dirtied per second (pages/s, or a byte rate).", req, kNonNegative),
    field<&ConstantDirtySpec::working_set_fraction>("working_set_fraction", "Span the writer sweeps in order, wrapping, as a fraction of touched memory.", opt, kOpenFraction),
  }};
  return t;
}

template <> const ObjectTable<UniformDirtySpec>& table() {
  static const ObjectTable<UniformDirtySpec> t{"dirty_uniform", "Writes spread uniformly over a working set; re-writes of dirty pages saturate.", {
    field<&UniformDirtySpec::write_rate>("write_rate", "Page writes per second over the working set.", req, kNonNegative),
    field<&UniformDirtySpec::working_set_fraction>("working_set_fraction", "Working set as a fraction of touched memory.", opt, kOpenFraction),
  }};
  return t;
}

template <> const ObjectTable<HotColdDirtySpec>& table() {
  static const ObjectTable<HotColdDirtySpec> t{"dirty_hot_cold", "A hot set written fast, the rest of touched memory slowly.", {
    field<&HotColdDirtySpec::hot_fraction>("hot_fraction", "Hot set as a fraction of touched memory.", req, kOpenFraction),
    field<&HotColdDirtySpec::hot_write_rate>("hot_write_rate", "Page writes per second into the hot set.", req, kNonNegative),
    field<&HotColdDirtySpec::cold_write_rate>("cold_write_rate", "Page writes per second into the cold rest.", opt, kNonNegative),
  }};
  return t;
}

template <> const ObjectTable<ZipfDirtySpec>& table() {
  static const ObjectTable<ZipfDirtySpec> t{"dirty_zipf", "Zipf page popularity: the rank-k page is written at a rate proportional to k^-exponent.", {
    field<&ZipfDirtySpec::write_rate>("write_rate", "Total page writes per second.", req, kNonNegative),
    field<&ZipfDirtySpec::exponent>("exponent", "Zipf exponent s.", opt, range(0.01, 10)),
  }};
  return t;
}

template <> const ObjectTable<PhaseSpec>& table() {
  static const ObjectTable<PhaseSpec> t{"phase", "One phase of a phases workload.", {
    field<&PhaseSpec::duration>("duration", "How long the phase lasts.", req, kPositive),
    field<&PhaseSpec::dirty>("dirty", "The phase's dirty model (constant, uniform, hot_cold or zipf).", req),
  }};
  return t;
}

template <> const ObjectTable<PhasesDirtySpec>& table() {
  static const ObjectTable<PhasesDirtySpec> t{"dirty_phases", "Piecewise dirtying over time; phases do not nest.", {
    field<&PhasesDirtySpec::phases>("phases", "The phases in order.", req, at_least_one()),
    field<&PhasesDirtySpec::repeat>("repeat", "Start again after the last phase (otherwise the last one lasts forever)."),
  }};
  return t;
}

template <> const ObjectTable<TraceDirtySpec>& table() {
  static const ObjectTable<TraceDirtySpec> t{"dirty_trace", "Replay of recorded dirty counts (format: see the memory model's documentation).", {
    field<&TraceDirtySpec::file>("file", "Trace file, relative to the scenario file; must exist.", req),
    field<&TraceDirtySpec::repeat>("repeat", "Replay again from the start when the trace ends."),
  }};
  return t;
}

template <> const ObjectTable<LparSpec>& table() {
  static const ObjectTable<LparSpec> t{"lpar", "A client logical partition.", {
    field<&LparSpec::id>("id", "Partition id, unique on its system (VIOS included).", req, range(1, 1000)),
    field<&LparSpec::name>("name", "Partition name, unique in the scenario (`migrlpar -p`).", req, kName),
    field<&LparSpec::os>("os", "Operating system.", req),
    field<&LparSpec::state>("state", "running (active migration) or not_activated (inactive migration)."),
    field<&LparSpec::memory>("memory", "Memory min/desired/max.", req),
    field<&LparSpec::processors>("processors", "Processors."),
    field<&LparSpec::current_compatibility_mode>("current_compatibility_mode", "Current processor compatibility mode."),
    field<&LparSpec::preferred_compatibility_mode>("preferred_compatibility_mode", "Preferred processor compatibility mode."),
    field<&LparSpec::page_size>("page_size", "Base page size: 4KiB or 64KiB.", opt, kPositive),
    field<&LparSpec::huge_pages>("huge_pages", "16 GB huge pages assigned (> 0 blocks active migration).", opt, kNonNegative),
    field<&LparSpec::bsr_arrays>("bsr_arrays", "Barrier synchronization register arrays (> 0 blocks active migration).", opt, kNonNegative),
    field<&LparSpec::rmc_active>("rmc_active", "RMC connection to the HMC is up (needed for active migration)."),
    field<&LparSpec::restricted_io>("restricted_io", "IBM i: the partition is in restricted I/O mode (required to migrate it)."),
    field<&LparSpec::redundant_error_path_reporting>("redundant_error_path_reporting", "Redundant error path reporting (must be off to migrate)."),
    field<&LparSpec::max_virtual_slots>("max_virtual_slots", "Maximum virtual adapter slots of the partition.", opt, range(2, 65535)),
    field<&LparSpec::virtual_adapters>("virtual_adapters", "Client virtual adapters."),
    field<&LparSpec::physical_adapters>("physical_adapters", "Dedicated physical adapters."),
    field<&LparSpec::workload>("workload", "Memory touching and dirtying."),
  }};
  return t;
}

template <> const ObjectTable<SeaSpec>& table() {
  static const ObjectTable<SeaSpec> t{"sea", "A Shared Ethernet Adapter and the VLANs it bridges.", {
    field<&SeaSpec::name>("name", "Device name, e.g. \"ent8\".", req, kName),
    field<&SeaSpec::vlans>("vlans", "Bridged VLAN ids.", req, at_least_one(range(1, 4094))),
  }};
  return t;
}

template <> const ObjectTable<MspSpec>& table() {
  static const ObjectTable<MspSpec> t{"msp", "The mover service partition role (msp=1) and its vioslpm0 tunables.", {
    field<&MspSpec::interface>("interface", "Network node (kind msp_interface) carrying the MSP's IP address.", req, kName),
    field<&MspSpec::cfg_msp_lpm_ops>("cfg_msp_lpm_ops", "Concurrent LPM operations this MSP accepts.", opt, range(1, 8)),
    field<&MspSpec::concurrency_lvl>("concurrency_lvl", "Resources per migration: lower = more buffers and threads.", opt, range(1, 5)),
    field<&MspSpec::throughput_per_cpu>("throughput_per_cpu", "Data the MSP moves per entitled processor [INF].", opt, kPositive),
  }};
  return t;
}

template <> const ObjectTable<ViosSpec>& table() {
  static const ObjectTable<ViosSpec> t{"vios", "A Virtual I/O Server partition.", {
    field<&ViosSpec::id>("id", "Partition id, unique on its system (LPARs included).", req, range(1, 1000)),
    field<&ViosSpec::name>("name", "VIOS name, unique in the scenario.", req, kName),
    field<&ViosSpec::memory>("memory", "Memory assigned (counts against the system).", opt, kPositive),
    field<&ViosSpec::processors>("processors", "Entitled processing units; bound the MSP's throughput.", opt, kPositive),
    field<&ViosSpec::max_virtual_slots>("max_virtual_slots", "Maximum virtual adapter slots.", opt, range(2, 65535)),
    field<&ViosSpec::rmc_active>("rmc_active", "RMC connection to the HMC is up."),
    field<&ViosSpec::fc_ports>("fc_ports", "Physical FC ports for NPIV, e.g. [\"fcs0\"]."),
    field<&ViosSpec::luns>("luns", "LUN ids visible to this VIOS (storage visibility)."),
    field<&ViosSpec::seas>("seas", "Shared Ethernet Adapters."),
    field<&ViosSpec::msp>("msp", "Present when the VIOS is a mover service partition."),
  }};
  return t;
}

template <> const ObjectTable<NodeSpec>& table() {
  static const ObjectTable<NodeSpec> t{"node", "A network node.", {
    field<&NodeSpec::name>("name", "Node name, unique in the network.", req, kName),
    field<&NodeSpec::kind>("kind", "msp_interface (an MSP's IP interface) or switch.", req),
  }};
  return t;
}

template <> const ObjectTable<LinkSpec>& table() {
  static const ObjectTable<LinkSpec> t{"link", "A link between two nodes.", {
    field<&LinkSpec::name>("name", "Link name, unique in the network (faults refer to it).", req, kName),
    field<&LinkSpec::a>("a", "One end (a node name).", req, kName),
    field<&LinkSpec::b>("b", "The other end (a node name).", req, kName),
    field<&LinkSpec::bandwidth>("bandwidth", "Bandwidth per direction.", req, kPositive),
    field<&LinkSpec::latency>("latency", "One-way latency.", opt, kNonNegative),
    field<&LinkSpec::mtu>("mtu", "MTU in bytes (1500, 9000 for jumbo frames).", opt, range(576, 65535)),
    field<&LinkSpec::duplex>("duplex", "full or half duplex."),
  }};
  return t;
}

template <> const ObjectTable<BackgroundTrafficSpec>& table() {
  static const ObjectTable<BackgroundTrafficSpec> t{"background_traffic", "A constant-rate flow competing with migrations on one link.", {
    field<&BackgroundTrafficSpec::link>("link", "Link name.", req, kName),
    field<&BackgroundTrafficSpec::rate>("rate", "Offered rate.", req, kPositive),
    field<&BackgroundTrafficSpec::start>("start", "When it starts.", opt, kNonNegative),
    field<&BackgroundTrafficSpec::stop>("stop", "When it stops (after start); absent = never.", opt, kNonNegative),
  }};
  return t;
}

template <> const ObjectTable<NetworkSpec>& table() {
  static const ObjectTable<NetworkSpec> t{"network", "The LPM network.", {
    field<&NetworkSpec::nodes>("nodes", "MSP interfaces and switches."),
    field<&NetworkSpec::links>("links", "Links between nodes."),
    field<&NetworkSpec::background_traffic>("background_traffic", "Competing traffic."),
  }};
  return t;
}

template <> const ObjectTable<HmcLimitsSpec>& table() {
  static const ObjectTable<HmcLimitsSpec> t{"hmc_limits", "Concurrency limits the HMC enforces besides each system's and MSP's own.", {
    field<&HmcLimitsSpec::max_per_msp_pair>("max_per_msp_pair", "Concurrent migrations per MSP pair.", opt, range(1, 64)),
    field<&HmcLimitsSpec::max_on_slow_link>("max_on_slow_link", "Concurrent migrations over a slow link.", opt, range(1, 64)),
    field<&HmcLimitsSpec::slow_link_bandwidth>("slow_link_bandwidth", "Links at or below this bandwidth are slow.", opt, kPositive),
  }};
  return t;
}

template <> const ObjectTable<models::power::PowerModelConfig>& table() {
  using P = models::power::PowerModelConfig;
  static const ObjectTable<P> t{"power_model", "What a managed system draws: linear in CPU utilisation between idle_watts and busy_watts (Fan, Weber, Barroso 2007). Defaults are assumptions (IBM publishes none for Power10 scale-out).", {
    field<&P::busy_watts>("busy_watts", "Watts with every installed core busy.", opt, kPositive),
    field<&P::idle_watts>("idle_watts", "Watts idle (at most busy_watts).", opt, kNonNegative),
    field<&P::memory_watts_per_gib>("memory_watts_per_gib", "Watts per GiB of the destination's copy of the partition's memory while both systems hold it (0 if that memory is powered anyway).", opt, kNonNegative),
  }};
  return t;
}

template <> const ObjectTable<PowervmPolicySpec>& table() {
  static const ObjectTable<PowervmPolicySpec> t{"policy_powervm", "PowerVM-like [INF]: stop when remaining dirty <= threshold, after no_progress_passes passes without shrinking, or at max_passes / max_precopy_time.", {
    field<&PowervmPolicySpec::remaining_threshold>("remaining_threshold", "Remaining dirty memory low enough to suspend.", opt, kNonNegative),
    field<&PowervmPolicySpec::no_progress_passes>("no_progress_passes", "Passes without the dirty set shrinking before stopping.", opt, range(1, 1000)),
    field<&PowervmPolicySpec::max_passes>("max_passes", "Pass limit.", opt, range(1, 10000)),
    field<&PowervmPolicySpec::max_precopy_time>("max_precopy_time", "Pre-copy time limit.", opt, kPositive),
  }};
  return t;
}

template <> const ObjectTable<XenPolicySpec>& table() {
  static const ObjectTable<XenPolicySpec> t{"policy_xen", "Xen xc_domain_save: stop when a pass sends < min_remaining_pages, after max_iterations, or past max_factor x memory sent.", {
    field<&XenPolicySpec::min_remaining_pages>("min_remaining_pages", "Pages-per-pass threshold.", opt, kNonNegative),
    field<&XenPolicySpec::max_iterations>("max_iterations", "Iteration limit.", opt, range(1, 10000)),
    field<&XenPolicySpec::max_factor>("max_factor", "Total sent limit as a multiple of memory.", opt, kPositive),
  }};
  return t;
}

template <> const ObjectTable<QemuPolicySpec>& table() {
  static const ObjectTable<QemuPolicySpec> t{"policy_qemu", "QEMU: switch over when remaining / measured bandwidth <= downtime_limit; optional auto-converge throttling.", {
    field<&QemuPolicySpec::downtime_limit>("downtime_limit", "Maximum expected downtime.", opt, kPositive),
    field<&QemuPolicySpec::max_bandwidth>("max_bandwidth", "Rate limit of the live passes (lifted for the switchover).", opt, kPositive),
    field<&QemuPolicySpec::bandwidth_window>("bandwidth_window", "Bandwidth measurement window.", opt, kPositive),
    field<&QemuPolicySpec::auto_converge>("auto_converge", "Throttle the vCPUs when dirtying outpaces the transfer."),
    field<&QemuPolicySpec::throttle_trigger_threshold>("throttle_trigger_threshold", "Dirty/transfer ratio that counts as too fast.", opt, kOpenFraction),
    field<&QemuPolicySpec::cpu_throttle_initial>("cpu_throttle_initial", "First throttle level.", opt, kOpenFraction),
    field<&QemuPolicySpec::cpu_throttle_increment>("cpu_throttle_increment", "Throttle step.", opt, kOpenFraction),
    field<&QemuPolicySpec::max_cpu_throttle>("max_cpu_throttle", "Highest throttle level.", opt, kOpenFraction),
  }};
  return t;
}

template <> const ObjectTable<SimgridPolicySpec>& table() {
  static const ObjectTable<SimgridPolicySpec> t{"policy_simgrid", "SimGrid: stop when remaining <= measured bandwidth x max_downtime.", {
    field<&SimgridPolicySpec::max_downtime>("max_downtime", "Maximum downtime.", opt, kPositive),
  }};
  return t;
}

template <> const ObjectTable<PrecopySpec>& table() {
  static const ObjectTable<PrecopySpec> t{"precopy", "Pre-copy mechanics.", {
    field<&PrecopySpec::mode>("mode", "hybrid: resume on the destination, then post-copy the rest (PowerVM); pure_precopy: send everything in the blackout (Xen, QEMU)."),
    field<&PrecopySpec::tracking_granularity>("tracking_granularity", "Dirty tracking page size: 4KiB or 64KiB.", opt, kPositive),
    field<&PrecopySpec::chunk_size>("chunk_size", "Transfer chunk (a multiple of tracking_granularity).", opt, kPositive),
    field<&PrecopySpec::send_untouched>("send_untouched", "Pass 1 scans every page and sends the never-written ones as zero pages (zero_page_record each), like QEMU."),
    field<&PrecopySpec::device_state_size>("device_state_size", "CPU and device state sent in the blackout.", opt, kNonNegative),
    field<&PrecopySpec::switchover_rate>("switchover_rate", "Rate of the stop-and-copy transfer (no live rate limit applies to it); absent = what the path carries.", opt, kPositive),
    field<&PrecopySpec::switchover_cost>("switchover_cost", "Fixed part of the blackout on top of the transfer (stopping vCPUs, device state save/load).", opt, kNonNegative),
    field<&PrecopySpec::page_header>("page_header", "Stream bytes per page sent besides its data (QEMU: 8).", opt, kNonNegative),
    field<&PrecopySpec::live_rate_efficiency>("live_rate_efficiency", "Share of each rate-limit slice the live stream uses (the slice lasts bandwidth_window / this); fitted by calibrate.", opt, kOpenFraction),
    field<&PrecopySpec::zero_page_record>("zero_page_record", "Stream bytes of a zero page, sent instead of its data (QEMU: 9).", opt, kNonNegative),
  }};
  return t;
}

template <> const ObjectTable<PhaseTimesSpec>& table() {
  static const ObjectTable<PhaseTimesSpec> t{"phase_times", "Fixed costs of the non-transfer phases [INF].", {
    field<&PhaseTimesSpec::validation>("validation", "Fixed part of HMC validation; 1 s per client virtual adapter and the NPIV disk checks come on top [assumption].", opt, kNonNegative),
    field<&PhaseTimesSpec::preparation>("preparation", "Creating the destination shell partition; 1 s per VIOS adapter definition and 2 s of MSP setup come on top [assumption].", opt, kNonNegative),
    field<&PhaseTimesSpec::completion>("completion", "HMC profile update after the last page; 1 s per source VIOS adapter cleanup and 10 ms/GiB of memory reclaim come on top [assumption].", opt, kNonNegative),
  }};
  return t;
}

template <> const ObjectTable<TimeoutsSpec>& table() {
  static const ObjectTable<TimeoutsSpec> t{"timeouts", "Timeouts after which a migration is failed.", {
    field<&TimeoutsSpec::migration>("migration", "From the request: a migration still before the suspend point is then stopped and rolled back like `-o s`; past it, it is left to finish (pypowervm: 4 x 1800 s).", opt, kPositive),
    field<&TimeoutsSpec::suspend>("suspend", "Suspending to Suspended: longer, and the migration rolls back to the source [assumption].", opt, kPositive),
  }};
  return t;
}

template <> const ObjectTable<PlatformSpec>& table() {
  static const ObjectTable<PlatformSpec> t{"platform", "Whose fixed costs apply.", {
    field<&PlatformSpec::kind>("kind", "powervm: HMC validation, preparation, the OS suspend handshake, completion; bare_hypervisor: a hypervisor migrating its own guest (QEMU/KVM) with none of them."),
    field<&PlatformSpec::suspend_latency>("suspend_latency", "bare_hypervisor: stop decided to vCPUs stopped.", opt, kNonNegative),
    field<&PlatformSpec::resume_latency>("resume_latency", "bare_hypervisor: last byte to the guest running on the destination.", opt, kNonNegative),
  }};
  return t;
}

template <> const ObjectTable<models::precopy::AutoConvergeConfig>& table() {
  using A = models::precopy::AutoConvergeConfig;
  static const ObjectTable<A> t{"auto_converge", "QEMU's cpu-throttle state machine (defaults of migration/options.c), usable under every stop policy.", {
    field<&A::trigger_threshold>("trigger_threshold", "Throttle when the bytes dirtied in a period exceed this % of the bytes sent, twice.", opt, range(0, 100)),
    field<&A::initial>("initial", "First throttle, %.", opt, range(0, 99)),
    field<&A::increment>("increment", "Throttle added at each later trigger, %.", opt, range(0, 99)),
    field<&A::max>("max", "Highest throttle, %.", opt, range(0, 99)),
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

template <> const ObjectTable<ConvergenceConfig>& table() {
  using C = ConvergenceConfig;
  static const ObjectTable<C> t{"convergence", "The management layer above the stop policy (issue 20): what Nova, KubeVirt or libvirt do when pre-copy does not converge, checked at each pass end. Defaults are those of `policy`.", {
    convergence_policy_field(),
    preset_field<&C::ramp_max_downtime>("ramp_max_downtime", "Downtime ramp: the allowed downtime rises in ramp_steps steps to this; the pre-copy stops once remaining / bandwidth is within it (0s = off; Nova 500ms; kubevirt and auto_converge: QEMU's fixed 300ms).", kNonNegative),
    preset_field<&C::ramp_steps>("ramp_steps", "Steps of the downtime ramp (Nova 10).", range(1, 1000)),
    preset_field<&C::ramp_step_delay_per_gib>("ramp_step_delay_per_gib", "Time between ramp steps per GiB of memory (Nova 75s).", kNonNegative),
    preset_field<&C::stall_timeout>("stall_timeout", "Act when the remaining data has not reached a new low for this long (0s = off; KubeVirt progressTimeout 150s).", kNonNegative),
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

template <> const ObjectTable<HmcSpec>& table() {
  static const ObjectTable<HmcSpec> t{"hmc", "The HMC: limits and migration policy.", {
    field<&HmcSpec::platform>("platform", "Whose fixed costs apply (PowerVM or a bare hypervisor)."),
    field<&HmcSpec::limits>("limits", "Concurrency limits."),
    field<&HmcSpec::stop_policy>("stop_policy", "When pre-copy stops, chosen by `policy`."),
    field<&HmcSpec::convergence>("convergence", "The management layer above the stop policy (downtime ramp, stall detection, completion timeout, auto-converge), chosen by `policy`."),
    field<&HmcSpec::precopy>("precopy", "Pre-copy mechanics."),
    field<&HmcSpec::phase_times>("phase_times", "Fixed phase costs."),
    field<&HmcSpec::timeouts>("timeouts", "Timeouts."),
  }};
  return t;
}

template <> const ObjectTable<MigrlparSpec>& table() {
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

template <> const ObjectTable<ActionSpec>& table() {
  static const ObjectTable<ActionSpec> t{"action", "An operator request at a time.", {
    field<&ActionSpec::at>("at", "When the request is issued.", req, kNonNegative),
    field<&ActionSpec::migrlpar>("migrlpar", "The request: \"-o m -m sysA -t sysB -p db01 -i \\\"dest_msp_name=vios2\\\"\" or an object.", req),
    field<&ActionSpec::convergence>("convergence", "The management layer for this request instead of hmc.convergence."),
  }};
  return t;
}

template <> const ObjectTable<ProtocolPointSpec>& table() {
  static const ObjectTable<ProtocolPointSpec> t{"protocol_point", "A point in one partition's migration.", {
    field<&ProtocolPointSpec::lpar>("lpar", "The migrating partition.", req, kName),
    field<&ProtocolPointSpec::point>("point", "The migration state entered.", req),
    field<&ProtocolPointSpec::pass>("pass", "Pre-copy pass number (point precopy only).", opt, range(1, 100000)),
  }};
  return t;
}

template <> const ObjectTable<FaultSpec>& table() {
  static const ObjectTable<FaultSpec> t{"fault", "A scheduled failure: exactly one of `at` and `at_point`.", {
    field<&FaultSpec::kind>("kind", "What fails.", req),
    field<&FaultSpec::target>("target", "link name (link_*), MSP VIOS (msp_crash), VIOS (vios_crash), system (system_failure), LPAR (os_suspend_refusal, hmc_stop), \"hmc\" (hmc_disconnect). A VIOS or LPAR is \"system/name\" or its bare name when unique.", req),
    field<&FaultSpec::at>("at", "At a simulated time.", opt, kNonNegative),
    field<&FaultSpec::at_point>("at_point", "When a migration reaches a point.", opt),
    field<&FaultSpec::repair_after>("repair_after", "Repair after this long: the link comes back up (link_down), the VIOS reboots (msp_crash, vios_crash), the HMC reconnects (hmc_disconnect); absent = never.", opt, kPositive),
  }};
  return t;
}

template <> const ObjectTable<OutputsSpec>& table() {
  static const ObjectTable<OutputsSpec> t{"outputs", "Files `lpmsim run` writes when its command line does not name them, relative to the scenario's folder, which they may not leave; \"\" = not written.", {
    field<&OutputsSpec::report>("report", "Report JSON that `lpmsim run` writes when --report is not given."),
    field<&OutputsSpec::trace>("trace", "Trace file that `lpmsim run` writes when --trace / --perfetto is not given."),
    field<&OutputsSpec::trace_format>("trace_format", "Format of `trace`: jsonl (every trace record, as --trace) or perfetto (as --perfetto)."),
    field<&OutputsSpec::html>("html", "Self-contained HTML report that `lpmsim run` writes when --html is not given."),
  }};
  return t;
}

template <> const ObjectTable<SimulationSpec>& table() {
  static const ObjectTable<SimulationSpec> t{"simulation", "How to simulate.", {
    field<&SimulationSpec::seed>("seed", "Master seed of the random streams."),
    field<&SimulationSpec::end_time>("end_time", "Simulated time limit; actions and faults must fall before it.", opt, kPositive),
    field<&SimulationSpec::memory_representation>("memory_representation", "exact (page bitmaps) or expected (page classes)."),
    field<&SimulationSpec::outputs>("outputs", "Output files."),
  }};
  return t;
}
// clang-format on

void read_scenario(Context& ctx, const Json& json, ScenarioSpec& spec) { read_object(ctx, json, "", spec); }

Json write_scenario(const ScenarioSpec& spec) { return write_object(spec); }

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
