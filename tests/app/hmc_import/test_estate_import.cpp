// Importing an estate from HMC listings (issue 19): the 3-system fixture estate in both output
// forms, one pin per attribute → scenario key mapping, the assumptions, partial command sets,
// unknown attributes and bad values.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "app/hmc_import/estate_import.hpp"
#include "app/hmc_import/hmc_attributes.hpp"
#include "app/scenario/loader.hpp"

using namespace app::hmc_import;
using json = nlohmann::ordered_json;

namespace {

const std::filesystem::path kFixtures =
    std::filesystem::path(LPMSIM_SOURCE_DIR) / "tests/app/hmc_import/fixtures";

ImportedEstate import_dir(const std::string& folder, ImportProblems& p,
                          const MemoryInUse& in_use = {}) {
  std::vector<HmcListing> listings;
  for (const char* f : {"systems.txt", "sysA.txt", "sysB.txt", "sysC.txt", "msp-pairs.txt"}) {
    auto more = read_hmc_listings(kFixtures / folder / f, p);
    listings.insert(listings.end(), more.begin(), more.end());
  }
  return import_estate(listings, p, in_use);
}

// A one-system estate written inline: lssyscfg -r sys/lpar and memory, plus `extra` sections.
ImportedEstate import_text(const std::string& extra, ImportProblems& p,
                           const std::string& lpar_extra = "") {
  const std::string text =
      "# lssyscfg -r sys\n"
      "name=s1,type_model=9105-22A,\"lpar_proc_compat_modes=default,POWER9,Power10\"\n"
      "# lssyscfg -r lpar -m s1\n"
      "name=v1,lpar_id=1,lpar_env=vioserver,state=Running,msp=1\n"
      "name=v2,lpar_id=2,lpar_env=vioserver,state=Running,msp=0\n"
      "name=l1,lpar_id=3,lpar_env=aixlinux,state=Running,os_version=AIX 7.3" +
      lpar_extra + "\n" + extra;
  return import_estate(parse_hmc_text(text, "t.txt", p), p);
}

json at(const json& j, const std::string& pointer) { return j.at(json::json_pointer(pointer)); }

struct Pin {
  HmcCommand command;
  std::string attribute;
  std::string pointer;
  json expected;
};

} // namespace

TEST_CASE("the 3-system fixture estate imports the same from both output forms and validates") {
  ImportProblems pd, pf;
  const auto d = import_dir("estate-default", pd);
  const auto f = import_dir("estate-F", pf);
  CHECK(pd.errors().empty());
  CHECK(pf.errors().empty());
  CHECK(pd.warnings().empty());
  CHECK(d.scenario.dump() == f.scenario.dump());
  CHECK(d.missing.empty());
  CHECK_NOTHROW(app::scenario::load_scenario_text(d.scenario.dump(2), "imported.json"));
  CHECK(d.scenario["managed_systems"].size() == 3);
  for (const auto& s : d.scenario["managed_systems"])
    CHECK(s["vios"].size() == 2);
}

TEST_CASE("each HMC attribute lands on its scenario key") {
  ImportProblems p;
  const auto e = import_dir("estate-default", p);
  const json& s = e.scenario;
  using C = HmcCommand;
  const std::string A = "/managed_systems/0", db = A + "/lpars/0", ibmi = A + "/lpars/1",
                    app = A + "/lpars/2", ad = db + "/virtual_adapters/";
  std::vector<Pin> pins{
      {C::lssyscfg_sys, "name", A + "/name", "sysA"},
      {C::lssyscfg_sys, "type_model", "/managed_systems/2/machine_type_model", "9080-HEX"},
      {C::lssyscfg_sys,
       "lpar_proc_compat_modes",
       A + "/compatibility_modes",
       {"default", "power8", "power9_base", "power9", "power10"}},
      {C::lssyscfg_sys, "lpar_proc_compat_modes", A + "/processor_generation", "power10"},
      {C::lssyscfg_sys, "active_lpar_mobility_capable", A + "/active_lpm_capable", true},
      {C::lssyscfg_sys, "inactive_lpar_mobility_capable", A + "/inactive_lpm_capable", true},
      {C::lssyscfg_lpar, "name", db + "/name", "db01"},
      {C::lssyscfg_lpar, "name", A + "/vios/1/name", "sysA-vios2"},
      {C::lssyscfg_lpar, "lpar_id", ibmi + "/id", 11},
      {C::lssyscfg_lpar, "lpar_id", A + "/vios/1/id", 2},
      {C::lssyscfg_lpar, "lpar_env", ibmi + "/os", "ibmi"},
      {C::lssyscfg_lpar, "state", app + "/state", "not_activated"},
      {C::lssyscfg_lpar, "state", db + "/state", "running"},
      {C::lssyscfg_lpar, "os_version", "/managed_systems/1/lpars/0/os", "linux"},
      {C::lssyscfg_lpar, "os_version", db + "/os", "aix"},
      {C::lssyscfg_lpar, "curr_lpar_proc_compat_mode", db + "/current_compatibility_mode",
       "power9"},
      {C::lssyscfg_lpar, "desired_lpar_proc_compat_mode", db + "/preferred_compatibility_mode",
       "default"},
      {C::lssyscfg_lpar, "rmc_state", ibmi + "/rmc_active", false},
      {C::lssyscfg_lpar, "rmc_state", A + "/vios/0/rmc_active", true},
      {C::lssyscfg_lpar, "redundant_err_path_reporting", db + "/redundant_error_path_reporting",
       false},
      {C::lssyscfg_lpar, "msp", A + "/vios/0/msp/interface", "sysA-vios1-msp"},
      {C::lshwres_mem_sys, "configurable_sys_mem", A + "/memory", "1024GiB"},
      {C::lshwres_mem_sys, "mem_region_size", A + "/lmb_size", "256MiB"},
      {C::lshwres_mem_lpar, "curr_min_mem", db + "/memory/min", "32GiB"},
      {C::lshwres_mem_lpar, "curr_mem", db + "/memory/desired", "64GiB"},
      {C::lshwres_mem_lpar, "curr_mem", A + "/vios/0/memory", "8GiB"},
      {C::lshwres_mem_lpar, "curr_max_mem", db + "/memory/max", "128GiB"},
      {C::lshwres_mem_lpar, "pend_min_mem", app + "/memory/min", "8GiB"},
      {C::lshwres_mem_lpar, "pend_mem", app + "/memory/desired", "16GiB"},
      {C::lshwres_mem_lpar, "pend_max_mem", app + "/memory/max", "32GiB"},
      {C::lshwres_proc_sys, "configurable_sys_proc_units", A + "/processors", 48},
      {C::lshwres_proc_lpar, "curr_proc_mode", ibmi + "/processors/mode", "dedicated"},
      {C::lshwres_proc_lpar, "curr_proc_mode", db + "/processors/mode", "shared"},
      {C::lshwres_proc_lpar, "curr_proc_units", db + "/processors/desired", 2.0},
      {C::lshwres_proc_lpar, "curr_proc_units", A + "/vios/0/processors", 1.0},
      {C::lshwres_proc_lpar, "curr_procs", db + "/processors/virtual_processors", 4},
      {C::lshwres_proc_lpar, "curr_procs", ibmi + "/processors/desired", 2.0},
      {C::lshwres_proc_lpar, "pend_proc_units", app + "/processors/desired", 1.0},
      {C::lshwres_proc_lpar, "pend_procs", app + "/processors/virtual_processors", 2},
      {C::lshwres_scsi, "slot_num", ad + "1/client_slot", 3},
      {C::lshwres_scsi, "adapter_type", ad + "1/type", "vscsi"},
      {C::lshwres_scsi, "remote_lpar_id", ad + "1/vios", "sysA-vios2"},
      {C::lshwres_scsi, "remote_slot_num", ad + "1/vios_slot", 20},
      {C::lshwres_fc, "slot_num", ad + "2/client_slot", 4},
      {C::lshwres_fc, "adapter_type", ad + "2/type", "vfc"},
      {C::lshwres_fc, "remote_lpar_id", ad + "3/vios", "sysA-vios2"},
      {C::lshwres_fc, "remote_slot_num", ad + "3/vios_slot", 30},
      {C::lshwres_fc, "wwpns", ad + "2/wwpns", {"c0507609a4270427", "c0507609a4270428"}},
      {C::lshwres_eth, "slot_num", ad + "4/client_slot", 6},
      {C::lshwres_eth, "port_vlan_id", ad + "4/vlan", 100},
      {C::lshwres_eth,
       "addl_vlan_ids",
       "/managed_systems/1/lpars/0/virtual_adapters/1/additional_vlans",
       {300}},
      {C::lshwres_eth, "vswitch", ad + "4/vswitch", "ETHERNET0"},
      {C::lshwres_eth,
       "is_trunk",
       A + "/vios/0/seas/0",
       {{"name", "sea-c10"}, {"vlans", {1, 100, 200, 300}}}},
      {C::lshwres_eth, "port_vlan_id", A + "/vios/1/seas/0/vlans/0", 1},
      {C::lshwres_eth, "addl_vlan_ids", A + "/vios/1/seas/0/vlans/3", 300},
      {C::lslparmigr_sys, "num_active_migrations_supported", A + "/max_active_migrations", 16},
      {C::lshwres_io_slot, "drc_name", "/managed_systems/2/lpars/0/physical_adapters/0/location",
       "U78D8.001.WZS0C03-P1-C5"},
      {C::lshwres_io_slot, "pci_class", "/managed_systems/2/lpars/0/physical_adapters/0/type",
       "fibre_channel"},
  };
  std::set<std::pair<HmcCommand, std::string>> pinned;
  for (const auto& pin : pins) {
    CAPTURE(pin.attribute);
    CAPTURE(pin.pointer);
    CHECK(at(s, pin.pointer) == pin.expected);
    pinned.emplace(pin.command, pin.attribute);
  }

  // Attributes the fixtures cannot tell apart from defaults or fallbacks: inline listings.
  const auto inline_pin = [&](HmcCommand c, const std::string& attr, const std::string& extra,
                              const std::string& pointer, const json& expected,
                              const std::string& lpar_extra = "") {
    ImportProblems ip;
    const auto e2 = import_text(extra, ip, lpar_extra);
    CAPTURE(attr);
    CHECK(ip.errors().empty());
    CHECK(at(e2.scenario, pointer) == expected);
    pinned.emplace(c, attr);
  };
  inline_pin(C::lshwres_mem_sys, "installed_sys_mem",
             "# lshwres -r mem -m s1 --level sys\ninstalled_sys_mem=262144,mem_region_size=128\n",
             "/managed_systems/0/memory", "256GiB");
  inline_pin(C::lshwres_proc_sys, "installed_sys_proc_units",
             "# lshwres -r proc -m s1 --level sys\ninstalled_sys_proc_units=20.0\n",
             "/managed_systems/0/processors", 20);
  inline_pin(C::lshwres_mem_lpar, "curr_num_huge_pages",
             "# lshwres -r mem -m s1 --level lpar\nlpar_id=3,curr_min_mem=1024,curr_mem=2048,"
             "curr_max_mem=4096,curr_num_huge_pages=2\n",
             "/managed_systems/0/lpars/0/huge_pages", 2);
  const std::string vios_scsi =
      "# lshwres -r virtualio --rsubtype scsi --level lpar -m s1\n"
      "lpar_name=l1,slot_num=5,adapter_type=client,remote_lpar_name=v2,remote_slot_num=40\n";
  inline_pin(C::lshwres_scsi, "remote_lpar_name", vios_scsi,
             "/managed_systems/0/lpars/0/virtual_adapters/0/vios", "v2");
  inline_pin(C::lshwres_fc, "remote_lpar_name",
             "# lshwres -r virtualio --rsubtype fc --level lpar -m s1\n"
             "lpar_name=l1,slot_num=5,adapter_type=client,remote_lpar_name=v1,remote_slot_num=40,"
             "\"wwpns=c050760000000001,c050760000000002\"\n",
             "/managed_systems/0/lpars/0/virtual_adapters/0/vios", "v1");
  inline_pin(C::lshwres_slot, "curr_max_virtual_slots",
             "# lshwres -r virtualio --rsubtype slot --level lpar -m s1\n"
             "lpar_name=l1,lpar_id=3,curr_max_virtual_slots=64\n",
             "/managed_systems/0/lpars/0/max_virtual_slots", 64);
  inline_pin(C::lshwres_io_slot, "description",
             "# lshwres -r io --rsubtype slot -m s1\nlpar_name=l1,lpar_id=3,drc_name=U1-P1-C7,"
             "description=4-Port 10/100/1000 Base-TX PCI Express Ethernet Adapter\n",
             "/managed_systems/0/lpars/0/physical_adapters/0",
             {{"location", "U1-P1-C7"}, {"type", "ethernet"}});
  const std::string migr = "# lslparmigr -r sys -m s1\ninactive_lpar_mobility_capable=0,"
                           "num_inactive_migrations_supported=8,active_lpar_mobility_capable=0,"
                           "num_active_migrations_supported=12\n";
  inline_pin(C::lslparmigr_sys, "inactive_lpar_mobility_capable", migr,
             "/managed_systems/0/inactive_lpm_capable", false);
  inline_pin(C::lslparmigr_sys, "active_lpar_mobility_capable", migr,
             "/managed_systems/0/active_lpm_capable", false);
  inline_pin(C::lslparmigr_sys, "num_inactive_migrations_supported", migr,
             "/managed_systems/0/max_inactive_migrations", 8);
  const std::string msp = "# lslparmigr -r msp -m s1 -t s2\nsource_msp_name=v2,source_msp_id=2,"
                          "dest_msp_names=w1,dest_msp_ids=1\n"
                          "# lslparmigr -r msp -m s2 -t s1\nsource_msp_name=w1,source_msp_id=1,"
                          "dest_msp_names=v2,dest_msp_ids=2\n";
  inline_pin(C::lslparmigr_msp, "source_msp_name", msp, "/managed_systems/0/vios/1/msp/interface",
             "v2-msp");
  inline_pin(C::lslparmigr_msp, "dest_msp_names",
             "# lslparmigr -r msp -m s2 -t s1\nsource_msp_name=w1,source_msp_id=1,"
             "dest_msp_names=v2,dest_msp_ids=2\n",
             "/managed_systems/0/vios/1/msp/interface", "v2-msp");

  for (const auto& a : hmc_attributes()) {
    if (a.scenario_key.empty() || a.command == HmcCommand::lslparmigr_lpar)
      continue;
    CAPTURE(command_text(a.command));
    CAPTURE(a.name);
    CHECK(pinned.count({a.command, std::string(a.name)}) == 1);
  }
}

TEST_CASE("every assumed value is listed with its key, and put in the description") {
  ImportProblems p;
  const auto e = import_dir("estate-F", p);
  std::set<std::string> keys;
  for (const auto& a : e.assumptions)
    keys.insert(a.key);
  for (const char* key :
       {"/network/links/*", "/managed_systems/*/vios/*/luns",
        "/managed_systems/*/lpars/*/virtual_adapters/*/luns",
        "/managed_systems/*/lpars/*/virtual_adapters/*/physical_port",
        "/managed_systems/*/lpars/*/workload/dirty",
        "/managed_systems/*/lpars/*/workload/touched_fraction", "/managed_systems/*/firmware_level",
        "/managed_systems/*/vios/*/fc_ports", "/managed_systems/*/vios/*/seas/*/name",
        "/managed_systems/0/lpars/1/restricted_io", "/managed_systems/0/lpars/2/os", "/actions"}) {
    const std::string k = key;
    CAPTURE(k);
    CHECK(keys.count(k) == 1);
  }
  const std::string description = e.scenario["description"];
  for (const auto& line : assumption_lines(e))
    CHECK(description.find(line) != std::string::npos);
  CHECK(description.find("MSP addresses: sysA/sysA-vios1 → sysB: 10.10.1.11//1/sysB-vios1/") !=
        std::string::npos);
  CHECK(e.scenario["actions"][0]["migrlpar"] == "-o v -m sysA -t sysB -p db01,ibmi01");
}

TEST_CASE("partial command sets import what they can and list what is missing") {
  ImportProblems p;
  const auto e = import_text("", p);
  CHECK(p.errors().empty());
  CHECK_NOTHROW(app::scenario::load_scenario_text(e.scenario.dump(2), "partial.json"));
  REQUIRE(e.missing.size() == 9);
  CHECK(e.missing[0] == "lshwres -r mem -m s1 --level sys: memory and LMB size assumed");
  CHECK(e.missing[1] == "lshwres -r mem -m s1 --level lpar: partition memory assumed");
  CHECK(e.missing[4] ==
        "lshwres -r virtualio -m s1 --rsubtype scsi --level lpar: no vSCSI adapters imported");
  CHECK(e.missing[7] ==
        "lshwres -r io -m s1 --rsubtype slot: physical I/O assumed none: a partition owning a "
        "dedicated adapter passes lpmsim's validation yet fails the HMC's");
  CHECK(e.missing[8] ==
        "lslparmigr -r sys -m s1: lpmsim's migration limits and capabilities apply");
  bool memory_assumed = false;
  for (const auto& a : e.assumptions)
    memory_assumed |= a.key == "/managed_systems/0/lpars/0/memory";
  CHECK(memory_assumed);
}

TEST_CASE("unknown attributes are kept in a warning; bad values are errors naming the attribute") {
  ImportProblems p;
  SUBCASE("unknown attribute") {
    import_text("", p, ",shiny_new_attr=42");
    REQUIRE(p.warnings().size() == 1);
    CHECK(p.warnings()[0] ==
          "t.txt:6: lssyscfg -r lpar: unknown attribute shiny_new_attr=\"42\": not one lpmsim's "
          "importer reads; kept in this warning, not imported");
  }
  SUBCASE("not a number") {
    import_text("# lshwres -r mem -m s1 --level lpar\n"
                "lpar_id=3,curr_min_mem=1024,curr_mem=2G,curr_max_mem=4096\n",
                p);
    REQUIRE(p.errors().size() == 1);
    CHECK(p.errors()[0] == "t.txt:8: lshwres -r mem --level lpar: attribute curr_mem: expected "
                           "megabytes; found \"2G\"");
  }
  SUBCASE("a client adapter hosted by a partition that is not a VIOS") {
    import_text("# lshwres -r virtualio --rsubtype scsi --level lpar -m s1\n"
                "lpar_id=3,slot_num=5,adapter_type=client,remote_lpar_id=3,remote_slot_num=40\n",
                p);
    REQUIRE(p.errors().size() == 1);
    CHECK(p.errors()[0] ==
          "t.txt:8: lshwres -r virtualio --rsubtype scsi --level lpar: attribute remote_lpar_id: "
          "expected a VIOS partition of s1 (in lssyscfg -r lpar with lpar_env=vioserver)");
  }
  SUBCASE("one WWPN instead of the pair") {
    import_text("# lshwres -r virtualio --rsubtype fc --level lpar -m s1\n"
                "lpar_id=3,slot_num=5,adapter_type=client,remote_lpar_id=1,remote_slot_num=40,"
                "wwpns=c050760000000001\n",
                p);
    REQUIRE(p.errors().size() == 1);
    CHECK(p.errors()[0] ==
          "t.txt:8: lshwres -r virtualio --rsubtype fc --level lpar: attribute wwpns: expected "
          "the client adapter's two WWPNs \"w1,w2\"; found 1");
  }
  SUBCASE("a required attribute missing from a cut line") {
    import_text("", p); // lpar_env present in every line of the base
    import_estate(parse_hmc_text("# lssyscfg -r lpar -m s1\nname=x,lpar_id=4\n", "u.txt", p), p);
    REQUIRE(p.errors().size() == 1);
    CHECK(p.errors()[0] ==
          "u.txt:2: lssyscfg -r lpar: attribute lpar_env: missing; expected it in every line of "
          "this listing (add it to -F, or a line was cut short)");
  }
}

TEST_CASE("memory in use sets touched_fraction; the rest stays assumed") {
  const auto path = std::filesystem::temp_directory_path() / "lpmsim-memory-in-use.csv";
  ImportProblems p;
  SUBCASE("measured partitions") {
    {
      std::ofstream out(path);
      out << "lpar,memory_in_use_mb\ndb01,49152\nweb01,20000\nghost,100\n";
    }
    const auto in_use = read_memory_in_use(path, p);
    const auto e = import_dir("estate-default", p, in_use);
    CHECK(p.errors().empty());
    CHECK(at(e.scenario, "/managed_systems/0/lpars/0/workload/touched_fraction") == 0.75);
    CHECK(at(e.scenario, "/managed_systems/1/lpars/0/workload/touched_fraction") == 1.0);
    CHECK(at(e.scenario, "/managed_systems/0/lpars/1/workload/touched_fraction") == 0.8);
    REQUIRE(p.warnings().size() == 1);
    CHECK(p.warnings()[0] ==
          "memory in use: partition \"ghost\" is not a client LPAR of the listings; ignored");
    for (const auto& a : e.assumptions)
      if (a.key == "/managed_systems/*/lpars/*/workload/touched_fraction")
        CHECK(a.reason.find("[ibmi01, app01, batch01]") != std::string::npos);
  }
  SUBCASE("bad rows") {
    {
      std::ofstream out(path);
      out << "lpar,memory_in_use_mb\ndb01,48G\n";
    }
    read_memory_in_use(path, p);
    REQUIRE(p.errors().size() == 1);
    CHECK(p.errors()[0] == path.string() +
                               ":2: memory in use: expected lpar,megabytes with a positive "
                               "number; found \"db01,48G\"");
  }
  std::filesystem::remove(path);
}

TEST_CASE("the scenario does not depend on the order of the files on the command line") {
  ImportProblems p, q;
  std::vector<HmcListing> forward, backward;
  const std::vector<std::string> files{"systems.txt", "sysA.txt", "sysB.txt", "sysC.txt",
                                       "msp-pairs.txt"};
  for (const auto& f : files) {
    auto more = read_hmc_listings(kFixtures / "estate-default" / f, p);
    forward.insert(forward.end(), more.begin(), more.end());
  }
  for (auto it = files.rbegin(); it != files.rend(); ++it) {
    auto more = read_hmc_listings(kFixtures / "estate-default" / *it, q);
    backward.insert(backward.end(), more.begin(), more.end());
  }
  CHECK(import_estate(forward, p).scenario.dump() == import_estate(backward, q).scenario.dump());
}

TEST_CASE("dedicated physical I/O: a client LPAR's slots block active migration, a VIOS's do not") {
  ImportProblems pd, pf;
  const auto d = import_dir("estate-default", pd);
  const auto f = import_dir("estate-F", pf);
  CHECK(pd.warnings().empty()); // the VIOS's own adapters and the free slot: nothing to say
  CHECK(pf.warnings().empty());
  const std::string blocked =
      "batch01 on sysC will not migrate actively: owns U78D8.001.WZS0C03-P1-C5 (8 Gigabit PCI "
      "Express Dual Port Fibre Channel Adapter) — /managed_systems/2/lpars/0/physical_adapters; "
      "remove the adapter from the partition (chhwres -r io -o r) and the entry, or migrate it "
      "inactive";
  for (const auto* e : {&d, &f}) {
    REQUIRE(e->not_migratable.size() == 1);
    CHECK(e->not_migratable[0] == blocked);
    const std::string description = e->scenario["description"];
    CHECK(description.find(blocked) != std::string::npos);
  }
  const json& s = d.scenario["managed_systems"];
  CHECK(s[2]["lpars"][0]["physical_adapters"] ==
        json::array({{{"location", "U78D8.001.WZS0C03-P1-C5"}, {"type", "fibre_channel"}}}));
  for (const auto& system : s) {
    for (const auto& v : system["vios"])
      CHECK_FALSE(v.contains("physical_adapters"));
    for (const auto& l : system["lpars"])
      CHECK((l.contains("physical_adapters") == (l["name"] == "batch01")));
  }
  // batch01 is left out of the assumed -o v actions: the rest still validate.
  for (const auto& a : d.scenario["actions"])
    CHECK(a["migrlpar"].get<std::string>().find("batch01") == std::string::npos);
  const auto spec = app::scenario::load_scenario_text(d.scenario.dump(2), "imported.json");
  REQUIRE(spec.managed_systems[2].lpars[0].physical_adapters.size() == 1);
  CHECK(spec.managed_systems[2].lpars[0].physical_adapters[0].location ==
        "U78D8.001.WZS0C03-P1-C5");

  SUBCASE("a free slot (lpar_id none, lpar_name null) and a VIOS's slot import nothing") {
    ImportProblems p;
    const auto e = import_text("# lshwres -r io --rsubtype slot -m s1 -F "
                               "drc_name,lpar_name,lpar_id,description,pci_class\n"
                               "U1-P1-C1,v1,1,PCIe3 4-Port 16Gb FC Adapter,0c04\n"
                               "U1-P1-C2,null,none,Empty slot,ffff\n",
                               p);
    CHECK(p.errors().empty());
    CHECK(p.warnings().empty());
    CHECK(e.not_migratable.empty());
    CHECK_FALSE(e.scenario["managed_systems"][0]["lpars"][0].contains("physical_adapters"));
    CHECK(e.scenario["actions"].empty()); // one system: nothing to validate against
  }
  SUBCASE("type from the description when pci_class is absent or unknown") {
    ImportProblems p;
    const auto e = import_text("# lshwres -r io --rsubtype slot -m s1\n"
                               "lpar_id=3,drc_name=U1-P1-C3,description=PCIe3 RAID SAS Adapter\n"
                               "lpar_id=3,drc_name=U1-P1-C4,description=Crypto Coprocessor,"
                               "pci_class=1080\n",
                               p);
    CHECK(p.errors().empty());
    CHECK(e.scenario["managed_systems"][0]["lpars"][0]["physical_adapters"] ==
          json::array({{{"location", "U1-P1-C3"}, {"type", "sas"}},
                       {{"location", "U1-P1-C4"}, {"type", "other"}}}));
    REQUIRE(e.not_migratable.size() == 1);
    CHECK(e.not_migratable[0].starts_with(
        "l1 on s1 will not migrate actively: owns U1-P1-C3 (PCIe3 RAID SAS Adapter), U1-P1-C4 "
        "(Crypto Coprocessor) — /managed_systems/0/lpars/0/physical_adapters; "));
  }
  SUBCASE("an unknown attribute is a warning with its value") {
    ImportProblems p;
    import_text("# lshwres -r io --rsubtype slot -m s1\n"
                "lpar_id=3,drc_name=U1-P1-C3,shiny_new_attr=42\n",
                p);
    CHECK(p.errors().empty());
    REQUIRE(p.warnings().size() == 1);
    CHECK(p.warnings()[0] ==
          "t.txt:8: lshwres -r io --rsubtype slot: unknown attribute shiny_new_attr=\"42\": not "
          "one lpmsim's importer reads; kept in this warning, not imported");
  }
  SUBCASE("malformed slot lines: file, line, attribute and what was expected") {
    ImportProblems p;
    import_text("# lshwres -r io --rsubtype slot -m s1\n"
                "lpar_id=three,drc_name=U1-P1-C3\n"
                "lpar_id=3,description=PCIe3 4-Port 16Gb FC Adapter\n"
                "lpar_id=3,drc_name=null\n"
                "# lshwres -r io --rsubtype slot -m s1 -F drc_name,lpar_id,description\n"
                "U1-P1-C5,3\n",
                p);
    REQUIRE(p.errors().size() == 4);
    CHECK(p.errors()[0] == "t.txt:12: lshwres -r io --rsubtype slot: expected 3 comma-separated "
                           "values (-F 3 attributes), found 2 (truncated line or an unquoted "
                           "comma?)");
    CHECK(p.errors()[1] == "t.txt:8: lshwres -r io --rsubtype slot: attribute lpar_id: expected a "
                           "partition id in [1, 1000]; found \"three\"");
    CHECK(p.errors()[2] == "t.txt:9: lshwres -r io --rsubtype slot: attribute drc_name: missing; "
                           "expected it in every line of this listing (add it to -F, or a line "
                           "was cut short)");
    CHECK(p.errors()[3] == "t.txt:10: lshwres -r io --rsubtype slot: attribute drc_name: expected "
                           "the slot's location code (e.g. U78D3.001.WZS0C03-P1-C3); found "
                           "\"null\"");
  }
}
