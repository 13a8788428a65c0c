// Internal to app/scenario: checks of one object that the field tables cannot express alone
// (min ≤ desired ≤ max, keys that apply to one adapter type only, migrlpar flag rules). Called
// by read_object after the object's fields were read; `json` is the object as written.
#pragma once

#include <string>

#include "app/scenario/read_context.hpp"
#include "app/scenario/spec.hpp"

namespace app::scenario::detail {

void check_memory(Context& ctx, const std::string& ptr, const models::power::LparConfig& partition);
void check_object(Context& ctx, const Json& json, const std::string& ptr, models::power::LparProcessors& config);
void check_object(Context& ctx, const Json& json, const std::string& ptr, VirtualAdapterSpec& spec);
void check_object(Context& ctx, const Json& json, const std::string& ptr, LparSpec& spec);
void check_object(Context& ctx, const Json& json, const std::string& ptr, ManagedSystemSpec& spec);
void check_object(Context& ctx, const Json& json, const std::string& ptr, LinkSpec& spec);
void check_object(Context& ctx, const Json& json, const std::string& ptr, BackgroundTrafficSpec& spec);
void check_object(Context& ctx, const Json& json, const std::string& ptr, models::precopy::PrecopyConfig& config);
void check_object(Context& ctx, const Json& json, const std::string& ptr, models::precopy::QemuPolicyConfig& config);
void check_object(Context& ctx, const Json& json, const std::string& ptr, models::power::PowerModelConfig& power);
void check_object(Context& ctx, const Json& json, const std::string& ptr, models::precopy::ConvergenceConfig& layer);
void check_object(Context& ctx, const Json& json, const std::string& ptr, MigrlparSpec& spec);
void check_object(Context& ctx, const Json& json, const std::string& ptr, FaultSpec& spec);
void check_object(Context& ctx, const Json& json, const std::string& ptr, TraceDirtySpec& spec);
void check_object(Context& ctx, const Json& json, const std::string& ptr, PhasesDirtySpec& spec);
void check_object(Context& ctx, const Json& json, const std::string& ptr, ProtocolPointSpec& spec);

// Every other object has no extra checks.
template <class S>
void check_object(Context&, const Json&, const std::string&, S&) {}

// Reads a `migrlpar` command line (lpm-protocol.md §4.3) into `spec`; reports at `ptr`.
void parse_migrlpar(Context& ctx, const std::string& text, const std::string& ptr, MigrlparSpec& spec);

}  // namespace app::scenario::detail
