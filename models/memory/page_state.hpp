// models::memory::PageState: which pages of a migrating partition are dirty, still to send, or
// missing at the destination — one interface, two representations (ARCHITECTURE §4):
// ExactPageState (bitmaps, sampled writes, optional per-page versions) and ExpectedPageState
// (page classes in Eigen arrays, expected values). The pre-copy loop and the post-copy tail
// (models/precopy) drive it; it never schedules events itself.
//   auto pages = make_page_state(memory_config, workload, engine.rng("lpar/db01", "dirty"));
//   pages->sync(); Chunk c = pages->take(256); /* … send … */ pages->deliver(c);
#pragma once

#include <cstdint>
#include <memory>

#include "models/memory/workload.hpp"
#include "sim/quantity.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

namespace models::memory {

enum class Representation { exact, expected };

// How a migration puts pages on its stream: the same for every partition the HMC moves, set
// once in the migration's settings (models::precopy::PrecopyConfig::page_stream) and handed to each
// partition's MemoryConfig, which is one. Defaults are assumptions unless a section is cited.
struct PageStreamConfig {
  // Dirty-tracking and transfer granularity: unpublished for PHYP; 4 KiB default, 64 KiB
  // plausible (lpm-protocol.md §2.4 [INF]).
  sim::Bytes page_size{4096};
  // Pass 1 scans every page, and the never-written ones go as zero pages (zero_page_record
  // each): QEMU's first pass (fidelity/README.md). Off = untouched pages are skipped, as
  // PowerVM does (lpm-protocol.md §2.4, S18).
  bool send_untouched = false;
  // Stream bytes per page sent besides its data (QEMU: 8, fidelity/README.md) [assumption: 0
  // for PowerVM, unpublished].
  sim::Bytes page_header{0};
  // Stream bytes of a page that holds only zeros, sent instead of its data (QEMU: 8-byte header
  // + 1 byte, fidelity/README.md) [assumption: 0 elsewhere].
  sim::Bytes zero_page_record{0};
};

// What a partition's memory holds, as its workload states it (the lpar's workload object in a
// scenario file). Defaults claim nothing: every page holds data, none is zero, no compression.
struct MemoryContent {
  // Untouched pages are never sent (lpm-protocol.md §2.4/§7, S18 field claim): ranks below
  // touched_fraction × pages hold data at the start.
  double touched_fraction = 1.0;
  // Bytes of touched data that sit densely at the highest addresses, where the address-order scan
  // meets them last; the other touched pages are spread evenly. The block holds data the workload
  // does not write (the image the OS booted with, at most the touched ranks above the written
  // ones). What is still pending when a threshold stop rule fires is the top of memory, so this
  // decides the stop-and-copy bytes. A Linux guest booted by QEMU with -kernel/-initrd: the
  // initrd sits at the top of RAM (QEMU hw/i386/x86.c x86_load_linux: initrd_max) and the
  // kernel's boot allocator (memblock) fills memory top-down below it, first with the page
  // descriptors (64 B per 4 KiB page); see compare's guest. 0 = no claim about the OS.
  sim::Bytes top_block{0};
  // Of touched pages, those holding only zeros: they cost the page stream's zero_page_record.
  double zero_page_fraction = 0.0;
  // Stream compression, a reduction factor ≥ 1: a data page costs page_size / compression_ratio
  // + header on the wire (FW920+ NX compression, lpm-protocol.md §2.4; workload-dependent, so
  // 1 = none by default).
  double compression_ratio = 1.0;
};

// One partition's memory as the page state sees it: the migration's page stream (a base), what
// the workload states of its content (the other base), and the partition's size.
struct MemoryConfig : PageStreamConfig, MemoryContent {
  sim::Bytes memory{0};
  // expected by default: it costs the same for a terabyte partition as for a gigabyte one, and
  // its results agree with the mean of exact runs (ARCHITECTURE.md §4); exact (page bitmaps,
  // 0.25 B/page) when single pages matter (verify, the fidelity runs).
  Representation representation = Representation::expected;
  // Exact mode only: keep a version per page at source and destination (verify mode, 8 B/page).
  bool verify_versions = false;

  std::int64_t pages() const;
  std::int64_t touched_pages() const;
  double wire_bytes_per_page() const;
};

// Pages of the top block: top_block in whole pages, at most the touched pages above the ranks the
// workload writes (its working set or sequential span).
std::int64_t top_block_pages(const MemoryConfig& config, const Workload& workload);

// A batch of pages taken for sending; `id` names the exact mode's page list when it keeps one.
struct Chunk {
  double pages = 0;
  double zero_pages = 0;  // of `pages`, those holding only zeros (never written)
  std::uint64_t id = 0;
};

enum class PagePhase { precopy, frozen, postcopy };

class PageState {
 public:
  virtual ~PageState() = default;

  const MemoryConfig& memory_config() const { return config_; }
  double wire_bytes_per_page() const { return wire_bytes_per_page_; }
  // Mean stream bytes of a pending page (zero pages cost the record only).
  double pending_wire_bytes_per_page() const {
    const double pending = pending_pages();
    if (pending <= 0) return wire_bytes_per_page_;
    const double zero = pending_zero_pages();
    return ((pending - zero) * wire_bytes_per_page_ + zero * config_.zero_page_record.as_double()) / pending;
  }
  // Stream bytes of a chunk: zero pages cost the zero-page record, the others a full page.
  double wire_bytes(const Chunk& chunk) const {
    return (chunk.pages - chunk.zero_pages) * wire_bytes_per_page_ +
           chunk.zero_pages * config_.zero_page_record.as_double();
  }

  // Applies the workload's writes from the last call up to `now` (ignored while frozen).
  virtual void advance(sim::Time now) = 0;
  // Pages written since the last sync (the dirty bitmap), precopy phase.
  virtual double dirty_pages() const = 0;
  // Pages waiting to be taken: this pass's not-yet-sent ones; in post-copy, the missing ones
  // not yet pushed.
  virtual double pending_pages() const = 0;
  // Of the pending pages, those holding only zeros (never written).
  virtual double pending_zero_pages() const = 0;
  // pending ∪ dirty: what the destination would lack if the partition stopped now.
  virtual double remaining_pages() const = 0;
  // The dirty-bitmap fetch-and-clear of every pre-copy engine: pending ∪= dirty, dirty = ∅.
  // The address-order scan goes on from where it was (QEMU keeps its position across syncs)
  // and wraps at the end of memory.
  virtual void sync() = 0;
  // Removes up to `max_pages` pending pages (exact mode: whole pages, address order from the
  // scan position).
  virtual Chunk take(double max_pages) = 0;
  // The destination now holds the chunk's pages (at the versions they had when taken).
  virtual void deliver(const Chunk& chunk) = 0;
  // The partition is suspended: writes stop.
  virtual void freeze() = 0;
  // Resumed on the destination: pending pages are now missing there; each touch of a missing
  // page (write rate × touch_factor) is a demand fault that fetches it.
  virtual void begin_postcopy(double touch_factor) = 0;
  // Demand faults since the previous call.
  virtual double take_faults() = 0;
  // Page writes so far (expected mode: their expected number).
  virtual double page_writes() const = 0;
  // True for the expected mode: pages are a fluid, and the send order does not matter.
  virtual bool fluid() const = 0;
  virtual PagePhase phase() const = 0;
  // SIM_CHECKs that nothing is pending or missing and, with versions, that every page's latest
  // version is at the destination (ARCHITECTURE §4 invariant 2).
  virtual void check_complete() const = 0;

 protected:
  explicit PageState(const MemoryConfig& config)
      : config_(config), wire_bytes_per_page_(config.wire_bytes_per_page()) {}

 private:
  MemoryConfig config_;
  double wire_bytes_per_page_;
};

// Builds the representation named in `config`; `workload` must outlive the page state.
std::unique_ptr<PageState> make_page_state(const MemoryConfig& config, Workload& workload,
                                           sim::RngStream rng);

}  // namespace models::memory
