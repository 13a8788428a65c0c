#include "models/migration/footprint.hpp"

namespace models::migration {

Holding Holding::state(power::LparState s) {
  Holding h;
  h.kind = Kind::state;
  h.code = static_cast<int>(s);
  return h;
}

Holding Holding::entry(const std::string& system, const power::PartitionEntry& e) {
  Holding h;
  h.kind = Kind::entry;
  h.system = system;
  h.number = e.lmbs;
  h.other = e.processors.in_hundredths();
  h.code = e.state == power::PartitionEntryState::committed ? 1 : 0;
  return h;
}

Holding Holding::slot(const std::string& system, const std::string& vios, const power::ServerAdapter& a) {
  Holding h;
  h.kind = Kind::slot;
  h.system = system;
  h.vios = vios;
  h.number = a.slot;
  h.other = a.client_slot;
  h.code = static_cast<int>(a.kind);
  return h;
}

Holding Holding::device(const std::string& system, const std::string& vios, const power::VirtualDevice& d) {
  Holding h;
  h.kind = Kind::device;
  h.system = system;
  h.vios = vios;
  h.number = d.server_slot;
  h.code = static_cast<int>(d.kind);
  h.device_state = static_cast<int>(d.state);
  h.backing = d.backing;
  return h;
}

std::string Holding::line() const {
  const auto kind_name = [this] { return std::string(power::kind_name(static_cast<power::VirtualDeviceKind>(code))); };
  const std::string who = system + "/" + vios;
  switch (kind) {
    case Kind::state:
      return "state " + std::string(power::hmc_name(static_cast<power::LparState>(code)));
    case Kind::entry:
      return system + " " + std::to_string(number) + " LMBs " + std::to_string(other) + " cpu " +
             (code == 1 ? "committed" : "reserved");
    case Kind::slot:
      return who + " slot " + std::to_string(number) + " " + kind_name() + " client " + std::to_string(other);
    case Kind::device:
      return who + " device " + kind_name() + " slot " + std::to_string(number) + " " + backing + " " +
             std::string(power::state_name(static_cast<power::VirtualDeviceState>(device_state)));
  }
  return {};
}

// line() is "<first><separator>…" with first = "state" or the system's name and the separator a
// space or a slash; only a `system` longer than `first` needs the rest of the line.
bool Holding::on_system(std::string_view name) const {
  const std::string_view first = kind == Kind::state ? std::string_view("state") : system;
  if (name.size() < first.size())
    return first.starts_with(name) && (first[name.size()] == ' ' || first[name.size()] == '/');
  if (name.size() == first.size()) return first == name;
  const std::string text = line();
  return text.starts_with(std::string(name) + " ") || text.starts_with(std::string(name) + "/");
}

}  // namespace models::migration
