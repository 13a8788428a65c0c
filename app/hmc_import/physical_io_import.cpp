// Dedicated physical I/O from lshwres -r io --rsubtype slot: each slot a client LPAR owns becomes
// one of its physical_adapters (location = drc_name; type from pci_class, else the description).
// Such a partition cannot migrate actively (LPMSIM-V026), so the import names it with the adapter
// and the key to change. A VIOS's slots are its FC and Ethernet adapters by design: not imported.
#include <algorithm>
#include <fmt/core.h>

#include "app/hmc_import/scenario_builder.hpp"

namespace app::hmc_import::detail {

namespace {

// The PCI class code (base class and subclass, as the HMC prints it: "0200"), else words of the
// description the HMC shows ("… Fibre Channel Adapter").
std::string adapter_type(const std::string* pci_class, const std::string* description) {
  if (pci_class) {
    const std::string c = lower(*pci_class);
    if (c == "0200")
      return "ethernet";
    if (c == "0c04")
      return "fibre_channel";
    if (c == "0104" || c == "0107")
      return "sas";
  }
  const std::string d = description ? lower(*description) : "";
  if (d.find("fibre channel") != std::string::npos)
    return "fibre_channel";
  if (d.find("ethernet") != std::string::npos)
    return "ethernet";
  if (d.find("sas") != std::string::npos)
    return "sas";
  return "other";
}

} // namespace

nlohmann::ordered_json physical_adapters(ScenarioBuilder& b, const SystemData& s,
                                         const PartitionData& lpar, const std::string& ptr) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  std::string owned;
  for (const HmcRecord* r : lpar.io_slots) {
    Fields f(*r, HmcCommand::lshwres_io_slot, b.problems);
    const std::string* location = f.text("drc_name");
    if (!location)
      continue;
    if (location->empty() || *location == "null") {
      f.error("drc_name", "expected the slot's location code (e.g. U78D3.001.WZS0C03-P1-C3); "
                          "found " + in_quotes(*location));
      continue;
    }
    const std::string* description = f.text("description", false);
    out.push_back({{"location", *location},
                   {"type", adapter_type(r->find("pci_class"), description)}});
    join_to(owned, ", ",
            *location + " (" +
                (description && !description->empty() ? *description : "no description") + ")");
  }
  if (!out.empty())
    b.not_migratable.push_back(fmt::format(
        "{} on {} will not migrate actively: owns {} — {}/physical_adapters; remove the adapter "
        "from the partition (chhwres -r io -o r) and the entry, or migrate it inactive",
        lpar.name, s.name, owned, ptr));
  return out;
}

} // namespace app::hmc_import::detail
