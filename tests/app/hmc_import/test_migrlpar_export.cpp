// export-hmc (issue 19): the migrlpar -o v commands for the imported fixture estate carry the MSP
// pair and the vSCSI/vFC mappings lpmsim's validation chooses, in the HMC's -i syntax.
#include <doctest/doctest.h>

#include "app/hmc_import/estate_import.hpp"
#include "app/hmc_import/migrlpar_export.hpp"
#include "app/scenario/loader.hpp"

using namespace app::hmc_import;

TEST_CASE("export-hmc: one migrlpar -o v per requested migration, with MSPs and mappings") {
  ImportProblems p;
  std::vector<HmcListing> listings;
  const std::filesystem::path dir =
      std::filesystem::path(LPMSIM_SOURCE_DIR) / "tests/app/hmc_import/fixtures/estate-default";
  for (const char* f : {"systems.txt", "sysA.txt", "sysB.txt", "sysC.txt", "msp-pairs.txt"}) {
    auto more = read_hmc_listings(dir / f, p);
    listings.insert(listings.end(), more.begin(), more.end());
  }
  const auto estate = import_estate(listings, p);
  REQUIRE(p.errors().empty());
  const auto spec = app::scenario::load_scenario_text(estate.scenario.dump(), "estate.json");
  const auto commands = export_migrlpar(spec, ".");
  // db01, ibmi01 → sysB; web01 → sysC; batch01 (a dedicated FC adapter) is left out.
  REQUIRE(commands.size() == 3);
  // Source vios1's adapters go to sysB-vios2 where their server slot is free (sysB-vios1's slot
  // 20 hosts web01), vios2's to sysB-vios1: each source VIOS keeps a VIOS of its own (MPIO).
  CHECK(commands[0].command ==
        "migrlpar -o v -m sysA -t sysB -p db01 -i \"source_msp_name=sysA-vios1,"
        "dest_msp_name=sysB-vios1,\\\"virtual_scsi_mappings=2/sysB-vios2//20,3/sysB-vios1//2\\\","
        "\\\"virtual_fc_mappings=4/sysB-vios2//30/fcs0,5/sysB-vios1//30/fcs0\\\"\"");
  CHECK(commands[0].verdict.starts_with("lpmsim: valid"));
  CHECK(commands[2].command.starts_with("migrlpar -o v -m sysB -t sysC -p web01 -i "));

  // Asked for anyway, batch01's validation is refused for its physical adapter (LPMSIM-V026).
  auto scenario = estate.scenario;
  scenario["actions"].push_back({{"at", "10s"}, {"migrlpar", "-o v -m sysC -t sysA -p batch01"}});
  const auto with_batch = export_migrlpar(
      app::scenario::load_scenario_text(scenario.dump(), "estate.json"), ".");
  REQUIRE(with_batch.size() == 4);
  CAPTURE(with_batch[3].verdict);
  CHECK(with_batch[3].command.starts_with("migrlpar -o v -m sysC -t sysA -p batch01"));
  CHECK(with_batch[3].verdict.find("LPMSIM-V026") != std::string::npos);
  CHECK(with_batch[3].verdict.find("U78D8.001.WZS0C03-P1-C5") != std::string::npos);
}
