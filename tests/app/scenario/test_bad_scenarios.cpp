// Every malformed scenario under tests/app/scenario/bad/ is refused with exactly these
// diagnostics: one file per class of bad input (ARCHITECTURE §6, STYLE "Errors").
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "app/scenario/loader.hpp"

namespace {

struct BadCase {
  const char* name;
  const char* expected;  // all diagnostics, formatted, one per line
};

// clang-format off
const std::vector<BadCase> kCases{
    {"action_after_end",
     R"x(tests/app/scenario/bad/action_after_end.json:89: /actions/0/at: time 2h is not before simulation.end_time 1h)x"},
    {"action_unknown_lpar",
     R"x(tests/app/scenario/bad/action_unknown_lpar.json:90: /actions/0/migrlpar: unknown LPAR "db02" (did you mean "db01"?))x"},
    {"adapter_key_wrong_type",
     R"x(tests/app/scenario/bad/adapter_key_wrong_type.json:46: /managed_systems/0/lpars/0/virtual_adapters/1/vios: key "vios" does not apply to a veth adapter)x"},
    {"bad_dirty_model",
     R"x(tests/app/scenario/bad/bad_dirty_model.json:45: /managed_systems/0/lpars/0/workload/dirty/model: expected one of "constant", "uniform", "hot_cold", "zipf", "phases", "trace"; found "hotcold" (did you mean "hot_cold"?))x"},
    {"bad_enum_suggestion",
     R"x(tests/app/scenario/bad/bad_enum_suggestion.json:26: /managed_systems/0/lpars/0/os: expected one of "aix", "linux", "ibmi"; found "linx" (did you mean "linux"?))x"},
    {"convergence_and_power",
     R"x(tests/app/scenario/bad/convergence_and_power.json:47: /managed_systems/0/power/idle_watts: expected idle_watts <= busy_watts; found 900 > 500
tests/app/scenario/bad/convergence_and_power.json:104: /hmc/convergence/owns_stop: expected a ramp_max_downtime above 0s with owns_stop: the layer's own stop rule is its downtime ramp (QEMU's downtime limit); without one the pre-copy would never stop
tests/app/scenario/bad/convergence_and_power.json:105: /hmc/convergence/stall_action: expected one of "abort", "postcopy", "force_stop_and_copy"; found "pause")x"},
    {"dangling_link_node",
     R"x(tests/app/scenario/bad/dangling_link_node.json:82: /network/links/0/b: unknown network node "sysB-mps" (did you mean "sysB-msp"?))x"},
    {"dangling_vios",
     R"x(tests/app/scenario/bad/dangling_vios.json:36: /managed_systems/0/lpars/0/virtual_adapters/0/vios: unknown VIOS "vios9" on system "sysA" (did you mean "vios1"?))x"},
    {"deep_nesting",
     R"x(tests/app/scenario/bad/deep_nesting.json:1: /: nesting deeper than 64 levels)x"},
    {"dirty_rate_unit",
     R"x(tests/app/scenario/bad/dirty_rate_unit.json:46: /managed_systems/0/lpars/0/workload/dirty/dirty_rate: rate "100 pages": unknown unit "pages" (a rate needs "/s", e.g. "25Gbit/s"); expected one of B/s, kB/s, MB/s, GB/s, KiB/s, MiB/s, GiB/s, bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s, Mbps, Gbps, or pages/s)x"},
    {"duplicate_client_slot",
     R"x(tests/app/scenario/bad/duplicate_client_slot.json:44: /managed_systems/0/lpars/0/virtual_adapters/1/client_slot: client slot 2 is used twice in partition "db01")x"},
    {"duplicate_key",
     R"x(tests/app/scenario/bad/duplicate_key.json:26: /managed_systems/0/lpars/0/os: duplicate key "os" (a key may appear once per object))x"},
    {"duplicate_partition_id",
     R"x(tests/app/scenario/bad/duplicate_partition_id.json:24: /managed_systems/0/lpars/0/id: duplicate partition id 1 on system "sysA" (first defined at /managed_systems/0/vios/0/id))x"},
    {"duplicate_system_name",
     R"x(tests/app/scenario/bad/duplicate_system_name.json:47: /managed_systems/1/name: duplicate managed system name "sysA" (first defined at /managed_systems/0/name)
tests/app/scenario/bad/duplicate_system_name.json:90: /actions/0/migrlpar: unknown managed system "sysB" (did you mean "sysA"?))x"},
    {"empty_file",
     R"x(tests/app/scenario/bad/empty_file.json:1:1: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal)x"},
    {"empty_systems",
     R"x(tests/app/scenario/bad/empty_systems.json:2: /managed_systems: expected at least one element; found an empty array)x"},
    {"fault_at_and_point",
     R"x(tests/app/scenario/bad/fault_at_and_point.json:94: /faults/0: expected exactly one of "at" and "at_point"; found both)x"},
    {"fault_unknown_target",
     R"x(tests/app/scenario/bad/fault_unknown_target.json:96: /faults/0/target: unknown link "lpn" (did you mean "lpm"?))x"},
    {"fraction_out_of_range",
     R"x(tests/app/scenario/bad/fraction_out_of_range.json:44: /managed_systems/0/lpars/0/workload/touched_fraction: expected a number in (0, 1]; found 1.5)x"},
    {"lmb_multiple",
     R"x(tests/app/scenario/bad/lmb_multiple.json:29: /managed_systems/0/lpars/0/memory/desired: expected a multiple of the LMB size 256MiB of system "sysA"; found "16000MiB")x"},
    {"memory_exceeds_system",
     R"x(tests/app/scenario/bad/memory_exceeds_system.json:8: /managed_systems/0/memory: running partitions need 264GiB (desired memory of LPARs and VIOS) but system "sysA" has 256GiB)x"},
    {"migrlpar_bad_operation",
     R"x(tests/app/scenario/bad/migrlpar_bad_operation.json:90: /actions/0/migrlpar: migrlpar: -o: expected one of m, v, s, r; found "migrate")x"},
    {"migrlpar_missing_target",
     R"x(tests/app/scenario/bad/migrlpar_missing_target.json:90: /actions/0/migrlpar: migrlpar: -o m needs a target managed system (-t, target_managed_system))x"},
    {"migrlpar_msp_id",
     R"x(tests/app/scenario/bad/migrlpar_msp_id.json:90: /actions/0/migrlpar: migrlpar: -i source_msp_id=2: no VIOS with that id on system "sysA"
tests/app/scenario/bad/migrlpar_msp_id.json:90: /actions/0/migrlpar: migrlpar: -i dest_msp_id=7: no VIOS with that id on system "sysB")x"},
    {"migrlpar_unknown_attribute",
     R"x(tests/app/scenario/bad/migrlpar_unknown_attribute.json:90: /actions/0/migrlpar: migrlpar: unknown -i attribute "dest_msp_nme" (did you mean "dest_msp_name"?))x"},
    {"migrlpar_unknown_flag",
     R"x(tests/app/scenario/bad/migrlpar_unknown_flag.json:90: /actions/0/migrlpar: migrlpar: unknown flag "--redundantmsp" (did you mean "--redundantmsps"?))x"},
    {"migrlpar_unmodelled_attributes",
     R"x(tests/app/scenario/bad/migrlpar_unmodelled_attributes.json:90: /actions/0/migrlpar: migrlpar: -i source_msp_ipaddr is not modelled by lpmsim (MSP interfaces are network nodes; name the MSP with source_msp_name / dest_msp_name)
tests/app/scenario/bad/migrlpar_unmodelled_attributes.json:90: /actions/0/migrlpar: migrlpar: -i shared_proc_pool_name is not modelled by lpmsim (no shared processor pools))x"},
    {"migrlpar_unterminated_quote",
     R"x(tests/app/scenario/bad/migrlpar_unterminated_quote.json:90: /actions/0/migrlpar: migrlpar: unterminated " quote)x"},
    {"min_greater_than_max",
     R"x(tests/app/scenario/bad/min_greater_than_max.json:27: /managed_systems/0/lpars/0/memory: expected min <= desired <= max; found min 64GiB, desired 16GiB, max 32GiB)x"},
    {"missing_required",
     R"x(tests/app/scenario/bad/missing_required.json:23: /managed_systems/0/lpars/0: missing required key "os")x"},
    {"msp_interface_missing",
     R"x(tests/app/scenario/bad/msp_interface_missing.json:61: /managed_systems/1/vios/0/msp/interface: unknown network node "sysC-msp" (did you mean "sysA-msp"?))x"},
    {"negative_size",
     R"x(tests/app/scenario/bad/negative_size.json:30: /managed_systems/0/lpars/0/memory/max: size "-32GiB": expected a non-negative number without a sign)x"},
    {"not_an_object",
     R"x(tests/app/scenario/bad/not_an_object.json:1: /: expected an object; found an array)x"},
    {"quantity_too_long",
     R"x(tests/app/scenario/bad/quantity_too_long.json:89: /actions/0/at: duration "0.00000000000000000000000000000000000000"...: too long)x"},
    {"quantity_too_many_digits",
     R"x(tests/app/scenario/bad/quantity_too_many_digits.json:89: /actions/0/at: duration "0.00000000000000000000000001s": more than 18 digits after the decimal point)x"},
    {"range_violation",
     R"x(tests/app/scenario/bad/range_violation.json:62: /managed_systems/1/vios/0/msp/cfg_msp_lpm_ops: expected an integer in [1, 8]; found 9)x"},
    // issue 17: simulation.variation and hmc.run_variation are checked by validate as by run.
    {"run_variation",
     R"x(tests/app/scenario/bad/run_variation.json:76: /hmc/run_variation/stop_and_copy_speed_sigma: expected a number in [0, 1]; found 2
tests/app/scenario/bad/run_variation.json:77: /simulation/variation: expected one of "auto", "on", "off"; found "sometimes")x"},
    {"syntax_error",
     R"x(tests/app/scenario/bad/syntax_error.json:10:12: syntax error while parsing object - unexpected string literal; expected '}')x"},
    {"unit_missing",
     R"x(tests/app/scenario/bad/unit_missing.json:8: /managed_systems/0/memory: expected a size with a unit, e.g. "64GiB"; found the number 256 (numbers without units are not accepted))x"},
    {"unit_unknown",
     R"x(tests/app/scenario/bad/unit_unknown.json:83: /network/links/0/bandwidth: rate "10Gbit": unknown unit "Gbit" (a rate needs "/s", e.g. "25Gbit/s"); expected one of B/s, kB/s, MB/s, GB/s, KiB/s, MiB/s, GiB/s, bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s, Mbps, Gbps)x"},
    {"unknown_key_no_suggestion",
     R"x(tests/app/scenario/bad/unknown_key_no_suggestion.json:93: /colour: unknown key "colour"; valid keys: "description", "managed_systems", "network", "hmc", "actions", "faults", "simulation")x"},
    {"unknown_key_suggestion",
     R"x(tests/app/scenario/bad/unknown_key_suggestion.json:23: /managed_systems/0/lpars/0: missing required key "memory"
tests/app/scenario/bad/unknown_key_suggestion.json:38: /managed_systems/0/lpars/0/memroy: unknown key "memroy" (did you mean "memory"?))x"},
    {"vios_on_other_system",
     R"x(tests/app/scenario/bad/vios_on_other_system.json:36: /managed_systems/0/lpars/0/virtual_adapters/0/vios: unknown VIOS "vios2" on system "sysA" (it is on system "sysB"))x"},
    {"vios_slot_taken",
     R"x(tests/app/scenario/bad/vios_slot_taken.json:46: /managed_systems/0/lpars/0/virtual_adapters/1/vios_slot: VIOS slot 20 of "vios1" is already used by /managed_systems/0/lpars/0/virtual_adapters/0)x"},
    {"wrong_type",
     R"x(tests/app/scenario/bad/wrong_type.json:9: /managed_systems/0/processors: expected an integer; found the string "16")x"},
    {"wwpn_malformed",
     R"x(tests/app/scenario/bad/wwpn_malformed.json:47: /managed_systems/0/lpars/0/virtual_adapters/1/wwpns/0: expected a WWPN of 16 hex digits; found "c0507601a2b3001")x"},
    {"zero_size",
     R"x(tests/app/scenario/bad/zero_size.json:28: /managed_systems/0/lpars/0/memory/min: expected a positive size; found "0GiB")x"},
};
// clang-format on

std::string load_diagnostics(const std::string& path) {
  try {
    app::scenario::load_scenario_file(path);
  } catch (const app::scenario::ScenarioError& e) {
    std::string out;
    for (const auto& d : e.diagnostics()) out += (out.empty() ? "" : "\n") + d.format();
    return out;
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("each malformed scenario is refused with its exact diagnostics") {
  for (const auto& c : kCases) {
    SUBCASE(c.name) {
      const std::string path = std::string("tests/app/scenario/bad/") + c.name + ".json";
      CHECK(load_diagnostics(path) == c.expected);
    }
  }
}

TEST_CASE("every file under bad/ has a pinned expectation, and there are at least 20 classes") {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator("tests/app/scenario/bad"))
    if (entry.path().extension() == ".json") files.push_back(entry.path().stem().string());
  CHECK(files.size() == kCases.size());
  CHECK(kCases.size() >= 20);
  for (const auto& f : files) {
    bool pinned = false;
    for (const auto& c : kCases) pinned = pinned || f == c.name;
    CHECK_MESSAGE(pinned, f);
  }
}
