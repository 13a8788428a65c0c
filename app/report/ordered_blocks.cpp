#include "app/report/ordered_blocks.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace app::report {

namespace {

// What the threads share: which block is claimed next, which are formatted, how far the writing
// has come. Block k's text waits in texts[k % texts.size()] until it is written.
struct Blocks {
  std::size_t count = 0, block = 0, blocks = 0;
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0;     // the next block to claim
  std::size_t written = 0;  // blocks written
  std::vector<std::string> texts;
  std::vector<char> ready;
  bool stop = false;
  std::exception_ptr error;

  std::size_t window() const { return texts.size(); }
  bool claimable() const { return next < blocks && next < written + window(); }
};

// Claims, formats and files one block; false when there is none to claim now (lock held).
bool format_one(Blocks& b, std::unique_lock<std::mutex>& lock,
                const std::function<std::string(std::size_t, std::size_t)>& format) {
  if (b.stop || !b.claimable()) return false;
  const std::size_t k = b.next++;
  lock.unlock();
  std::string text;
  try {
    text = format(k * b.block, std::min(b.count, (k + 1) * b.block));
  } catch (...) {
    lock.lock();
    if (!b.error) b.error = std::current_exception();
    b.stop = true;
    b.changed.notify_all();
    return false;
  }
  lock.lock();
  b.texts[k % b.window()] = std::move(text);
  b.ready[k % b.window()] = 1;
  b.changed.notify_all();
  return true;
}

}  // namespace

unsigned formatting_threads() { return std::clamp(std::thread::hardware_concurrency(), 1U, 4U); }

void write_in_blocks(std::size_t count, std::size_t block, unsigned threads,
                     const std::function<std::string(std::size_t begin, std::size_t end)>& format,
                     const std::function<void(std::string_view text)>& write) {
  block = std::max<std::size_t>(block, 1);
  const std::size_t blocks = (count + block - 1) / block;
  if (threads <= 1 || blocks <= 1) {
    for (std::size_t k = 0; k < blocks; ++k) write(format(k * block, std::min(count, (k + 1) * block)));
    return;
  }
  Blocks b;
  b.count = count;
  b.block = block;
  b.blocks = blocks;
  b.texts.resize(2 * static_cast<std::size_t>(threads));
  b.ready.assign(b.texts.size(), 0);
  const auto help = [&b, &format] {
    std::unique_lock lock(b.mutex);
    for (;;) {
      b.changed.wait(lock, [&b] { return b.stop || b.next >= b.blocks || b.claimable(); });
      if (b.stop || b.next >= b.blocks) return;
      format_one(b, lock, format);
    }
  };
  const auto stop_helpers = [&b] {
    std::lock_guard lock(b.mutex);
    b.stop = true;
    b.changed.notify_all();
  };
  std::vector<std::jthread> helpers;  // joined when this returns, after stop_helpers on a throw
  try {
    for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(help);
    std::unique_lock lock(b.mutex);
    while (b.written < blocks && !b.stop) {
      const std::size_t slot = b.written % b.window();
      if (b.ready[slot]) {
        std::string text = std::move(b.texts[slot]);
        b.ready[slot] = 0;
        lock.unlock();
        write(text);
        lock.lock();
        ++b.written;
        b.changed.notify_all();
      } else if (!format_one(b, lock, format)) {
        b.changed.wait(lock, [&b, slot] { return b.stop || b.ready[slot] || b.claimable(); });
      }
    }
  } catch (...) {
    stop_helpers();
    throw;
  }
  if (b.error) std::rethrow_exception(b.error);
}

}  // namespace app::report
