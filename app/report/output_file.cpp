#include "app/report/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>
#include <fmt/core.h>
#include <streambuf>

namespace app::report {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& path, const char* what, int error) {
  throw OutputError(fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(error)));
}

fs::path folder_of(const fs::path& target) {
  const auto parent = target.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// Symlinks are followed: writing through a link replaces the file it names, not the link.
fs::path resolved(const fs::path& target) {
  std::error_code ec;
  const auto real = fs::weakly_canonical(target, ec);
  return ec ? target : real;
}

}  // namespace

// A streambuf over a file descriptor that keeps the first write error (errno) instead of
// silently setting badbit, so commit() can name it.
// A large output (a data-centre report is 1.3 GB) is written by a second thread: the text is
// formatted into one block while the block before it goes to the kernel, and every kWriteback
// bytes the kernel is asked to start writing them to disk (sync_file_range), so that commit()'s
// fsync waits for the last few blocks rather than the whole file (perf at 100 000 LPARs: the
// write() copies 1.5 % of the run, the fsync 1.4 s). A small output never starts the thread:
// commit() writes its one block itself. The bytes and their order are those the stream was given.
class OutputFile::Buffer : public std::streambuf {
 public:
  static constexpr std::size_t kBlock = std::size_t{1} << 20;
  static constexpr std::size_t kBlocks = 4;  // in the writer's queue at most, plus the one filling
  static constexpr std::uint64_t kWriteback = std::uint64_t{32} << 20;

  explicit Buffer(int fd) : fd_(fd) { take_block(std::make_unique<char[]>(kBlock)); }
  // Blocks still queued are dropped: the output is being abandoned (or was committed).
  ~Buffer() override { stop_writer(); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  int error() const {
    std::lock_guard lock(mutex_);
    return error_;
  }
  // Writes everything given so far and waits for it; false once any write failed.
  bool drain() {
    if (writer_.joinable()) {
      hand_off();
      std::unique_lock lock(mutex_);
      idle_.wait(lock, [this] { return queue_.empty() && !writing_; });
      return error_ == 0;
    }
    const std::size_t n = static_cast<std::size_t>(pptr() - pbase());
    std::uint64_t ignored = 0;
    const int e = error_ == 0 ? write_all(block_.get(), n, ignored) : error_;
    setp(block_.get(), block_.get() + kBlock);
    std::lock_guard lock(mutex_);
    if (error_ == 0) error_ = e;
    return error_ == 0;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!writer_.joinable()) writer_ = std::thread([this] { write_queued(); });
    if (!hand_off()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  struct Full {
    std::unique_ptr<char[]> data;
    std::size_t size;
  };

  void take_block(std::unique_ptr<char[]> block) {
    block_ = std::move(block);
    setp(block_.get(), block_.get() + kBlock);
  }
  // Queues the block being filled for the writer (waiting while the queue is full) and continues
  // in a free one. False once a write has failed.
  bool hand_off() {
    const std::size_t n = static_cast<std::size_t>(pptr() - pbase());
    std::unique_lock lock(mutex_);
    if (n > 0) {
      space_.wait(lock, [this] { return queue_.size() < kBlocks; });
      queue_.push_back({std::move(block_), n});
      work_.notify_one();
      std::unique_ptr<char[]> next;
      if (!spare_.empty()) {
        next = std::move(spare_.back());
        spare_.pop_back();
      }
      lock.unlock();
      take_block(next ? std::move(next) : std::make_unique<char[]>(kBlock));
      lock.lock();
    }
    return error_ == 0;
  }
  void write_queued() {
    std::uint64_t written = 0, synced = 0;
    std::unique_lock lock(mutex_);
    for (;;) {
      work_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      Full full = std::move(queue_.front());
      queue_.pop_front();
      writing_ = true;
      const bool failed = error_ != 0;
      lock.unlock();
      space_.notify_one();
      const int e = failed ? 0 : write_all(full.data.get(), full.size, written);
#ifdef SYNC_FILE_RANGE_WRITE
      if (e == 0 && written - synced >= kWriteback) {
        // Start the disk writes now; a pipe or terminal refuses (ESPIPE), which changes nothing.
        ::sync_file_range(fd_, static_cast<off_t>(synced), static_cast<off_t>(written - synced), SYNC_FILE_RANGE_WRITE);
        synced = written;
      }
#endif
      lock.lock();
      if (error_ == 0) error_ = e;
      spare_.push_back(std::move(full.data));
      writing_ = false;
      if (queue_.empty()) idle_.notify_all();
    }
  }
  int write_all(const char* p, std::size_t n, std::uint64_t& written) const {
    while (n > 0) {
      const auto k = ::write(fd_, p, n);
      if (k < 0 && errno == EINTR) continue;
      if (k < 0) return errno;
      p += k;
      n -= static_cast<std::size_t>(k);
      written += static_cast<std::uint64_t>(k);
    }
    return 0;
  }
  void stop_writer() {
    if (!writer_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      if (error_ == 0) error_ = ECANCELED;  // the writer skips what is left
    }
    work_.notify_one();
    writer_.join();
  }

  int fd_;
  std::unique_ptr<char[]> block_;  // being filled by the stream
  mutable std::mutex mutex_;
  std::condition_variable work_, space_, idle_;
  std::deque<Full> queue_;                     // full blocks, oldest first
  std::vector<std::unique_ptr<char[]>> spare_;  // written blocks, for reuse
  bool writing_ = false;
  bool stopping_ = false;
  int error_ = 0;  // the first write error (errno)
  std::thread writer_;
};

OutputFile::OutputFile(fs::path target) : target_(target), shown_(std::move(target)) {
  if (target_.empty()) throw OutputError("an output file name is empty");
  const fs::path real = resolved(target_);
  struct stat st {};
  if (::stat(real.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) fail(shown_, "write", EISDIR);
    fd_ = ::open(real.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd_ < 0) fail(shown_, "write", errno);
    in_place_ = true;
  } else {
    const fs::path folder = folder_of(real);
    fd_ = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
    if (fd_ < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
      // No O_TMPFILE on this file system: a hidden named temporary beside the target.
      std::string name = folder.string();
      name.append("/.").append(real.filename().native()).append(".XXXXXX");
      fd_ = ::mkstemp(name.data());
      if (fd_ >= 0) {
        ::fchmod(fd_, 0644);
        named_temporary_ = true;
        temporary_ = name;
      }
    }
    if (fd_ < 0) fail(shown_, "write", errno);
  }
  target_ = real;
  buffer_ = std::make_unique<Buffer>(fd_);
  stream_ = std::make_unique<std::ostream>(buffer_.get());
}

OutputFile::~OutputFile() {
  stream_.reset();
  buffer_.reset();  // its writer may still hold the descriptor
  if (fd_ >= 0) ::close(fd_);
  if (named_temporary_ && !temporary_.empty()) ::unlink(temporary_.c_str());
}

std::ostream& OutputFile::stream() { return *stream_; }

void OutputFile::commit() {
  if (fd_ < 0) throw OutputError("output " + shown_.string() + " was already committed");
  stream_->flush();
  if (!buffer_->drain() || buffer_->error() != 0) fail(shown_, "write", buffer_->error());
  if (in_place_) {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(shown_, "write", errno);
    return;
  }
  if (::fsync(fd_) != 0) fail(shown_, "write", errno);
  if (!named_temporary_) {
    // Give the unnamed inode a hidden name beside the target, then rename it over the target.
    temporary_ = (folder_of(target_) / fmt::format(".{}.{}.tmp", target_.filename().string(), ::getpid()));
    ::unlink(temporary_.c_str());
    const std::string self = fmt::format("/proc/self/fd/{}", fd_);
    if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, temporary_.c_str(), AT_SYMLINK_FOLLOW) != 0) {
      const int error = errno;
      temporary_.clear();
      fail(shown_, "write", error);
    }
    named_temporary_ = true;
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail(shown_, "write", errno);
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) fail(shown_, "replace", errno);
  temporary_.clear();
  // Make the rename itself durable.
  const int dir = ::open(folder_of(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

void write_output_file(const fs::path& path, const std::string& text) {
  OutputFile out(path);
  out.stream() << text;
  out.commit();
}

void OutputSet::add_input(std::string what, const fs::path& path) {
  if (!path.empty()) entries_.push_back({std::move(what), path, false});
}

void OutputSet::add_output(std::string what, const fs::path& path) {
  if (!path.empty()) entries_.push_back({std::move(what), path, true});
}

namespace {

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  if (fs::equivalent(a, b, ec)) return true;
  // Not both existing yet: compare the paths they would resolve to.
  return resolved(fs::absolute(a, ec)) == resolved(fs::absolute(b, ec));
}

}  // namespace

void OutputSet::check() const {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (!entries_[i].output) continue;
    for (std::size_t j = 0; j < entries_.size(); ++j) {
      if (j == i || (entries_[j].output && j > i)) continue;
      if (!same_file(entries_[i].path, entries_[j].path)) continue;
      const auto& other = entries_[j];
      throw OutputError(fmt::format("{} {} is also {} ({}): refused before any work", entries_[i].what,
                                    entries_[i].path.string(), other.what,
                                    other.output ? "another output" : "an input, which it would overwrite"));
    }
  }
}

}  // namespace app::report
