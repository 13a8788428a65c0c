// Streaming writer of Chrome trace-event JSON (the format Perfetto and chrome://tracing open):
// one event per line inside {"traceEvents":[ … ]}. Timestamps are µs with the nanoseconds kept
// as three exact decimals ("1500000.125"). Used by perfetto_trace.cpp; knows nothing of LPM.
//   TraceEventWriter w(out, {{"seed", 42}});
//   w.process(1, "Migrations", 1);  w.thread(1, 7, "db01", 7);
//   w.complete({1, 7}, "precopy", "phase", t0, t1, nlohmann::ordered_json::object());
//   w.finish();
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "sim/time.hpp"

namespace app::report {

// µs with exact ns decimals, trailing zeros dropped: 1'500'000'125 ns → "1500000.125".
std::string trace_timestamp(sim::Time t);

struct TrackId {
  int pid = 0;
  int tid = 0;
};

class TraceEventWriter {
 public:
  // `other_data` (an object) is written as the file's "otherData": run identity for viewers.
  TraceEventWriter(std::ostream& out, const nlohmann::ordered_json& other_data);
  void process(int pid, std::string_view name, int sort_index);
  void thread(int pid, int tid, std::string_view name, int sort_index);
  // A slice [start, end] ("ph":"X"); slices on one track must nest.
  void complete(TrackId track, std::string_view name, std::string_view category, sim::Time start,
                sim::Time end, const nlohmann::ordered_json& args);
  // scope: 't' thread, 'p' process, 'g' global (a line across every track).
  void instant(TrackId track, std::string_view name, std::string_view category, sim::Time at,
               char scope, const nlohmann::ordered_json& args);
  // A counter track "<name>" in process `pid`, one series `series` ("ph":"C").
  void counter(int pid, std::string_view name, sim::Time at, std::string_view series, double value);
  // Closes the array and the object; call once, after the last event.
  void finish();

 private:
  void begin_event();
  std::ostream& out_;
  bool first_ = true;
};

// Packs slices onto lanes (threads), first fit, because Chrome JSON requires the slices of one
// thread to nest. With `nest`, a slice inside another shares its lane (a pass in its phase);
// without, each lane holds disjoint slices (concurrent streams are siblings, not children).
// Slices must be given sorted by (start ascending, end descending); returns each one's lane.
class NestingLanes {
 public:
  explicit NestingLanes(bool nest = true) : nest_(nest) {}
  int place(sim::Time start, sim::Time end);
  int lanes() const { return static_cast<int>(open_.size()); }

 private:
  bool nest_;
  std::vector<std::vector<sim::Time>> open_;  // per lane, ends of the slices still open
};

}  // namespace app::report
