// A progress line on standard error for commands that simulate many variants (plan-evacuation,
// verify): shown only on a terminal and only once the work has taken a second, so that scripts,
// pipes and quick runs see nothing; cleared before the answer is printed.
//   TerminalProgress progress("verify quickstart.json", "plans");
//   options.progress = progress.callback();   /* … run … */   progress.clear();
#pragma once

#include <fmt/core.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <string>

namespace app::cli {

class TerminalProgress {
 public:
  TerminalProgress(std::string what, std::string unit)
      : what_(std::move(what)), unit_(std::move(unit)), on_terminal_(isatty(STDERR_FILENO) != 0) {}

  // The callback for an options struct; empty when standard error is not a terminal.
  std::function<void(std::size_t, std::size_t)> callback() {
    if (!on_terminal_) return {};
    return [this](std::size_t done, std::size_t total) { show(done, total); };
  }
  // At most ten redraws a second (verify reports thousands of plans a second), and the last.
  void show(std::size_t done, std::size_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (now - started_ < std::chrono::seconds(1)) return;
    if (done != total && shown_ && now - drawn_ < std::chrono::milliseconds(100)) return;
    shown_ = true;
    drawn_ = now;
    fmt::print(stderr, "\r  {}: {}/{} {}   ", what_, done, total, unit_);
    std::fflush(stderr);
  }
  void clear() {
    if (shown_) fmt::print(stderr, "\r{:>{}}\r", "", what_.size() + unit_.size() + 40);
    shown_ = false;
  }

 private:
  std::string what_;
  std::string unit_;
  bool on_terminal_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point drawn_;
};

}  // namespace app::cli
