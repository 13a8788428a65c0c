// sim::Handler: what an event runs — a move-only `void()` callable with 24 bytes of inline
// storage. Lambdas that capture a pointer or two (the common case: [this, id]) are stored inline
// and moved by copying bytes, with no allocation and no indirect call beyond the invocation;
// larger or non-trivial callables fall back to the heap. The engine's hot path, hence not
// std::function (whose moves and destruction go through an indirect manager call).
//   sim::Handler h = [this, lp] { on_event(lp); };
//   h();
#pragma once

#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace sim {

class Handler {
 public:
  Handler() = default;
  Handler(std::nullptr_t) {}  // NOLINT(google-explicit-constructor): allows `handler = nullptr`

  template <class F, class D = std::decay_t<F>,
            class = std::enable_if_t<!std::is_same_v<D, Handler> && std::is_invocable_r_v<void, D&>>>
  Handler(F&& f) {  // NOLINT(google-explicit-constructor): lambdas convert implicitly
    if constexpr (kInline<D>) {
      ::new (static_cast<void*>(storage_)) D(std::forward<F>(f));
      invoke_ = [](void* p) { (*static_cast<D*>(p))(); };
      if constexpr (!std::is_trivially_copyable_v<D>) manage_ = &manage_inline<D>;
    } else {
      D* heap = new D(std::forward<F>(f));
      std::memcpy(storage_, &heap, sizeof heap);
      invoke_ = [](void* p) { (**static_cast<D**>(p))(); };
      manage_ = &manage_heap<D>;
    }
  }

  Handler(Handler&& o) noexcept { take(o); }
  Handler& operator=(Handler&& o) noexcept {
    if (this != &o) {
      reset();
      take(o);
    }
    return *this;
  }
  Handler(const Handler&) = delete;
  Handler& operator=(const Handler&) = delete;
  ~Handler() { reset(); }

  void operator()() { invoke_(storage_); }
  // Destroys the callable now (releases what it captured); the handler becomes empty.
  void reset() noexcept {
    if (manage_ != nullptr) manage_(Op::destroy, storage_, nullptr);
    invoke_ = nullptr;
    manage_ = nullptr;
  }
  explicit operator bool() const { return invoke_ != nullptr; }

 private:
  enum class Op { move_to, destroy };
  static constexpr std::size_t kSize = 24;
  template <class D>
  static constexpr bool kInline = sizeof(D) <= kSize && alignof(D) <= alignof(void*) &&
                                  std::is_nothrow_move_constructible_v<D>;

  template <class D>
  static void manage_inline(Op op, void* self, void* target) {
    D* d = std::launder(static_cast<D*>(self));
    if (op == Op::move_to) ::new (target) D(std::move(*d));
    d->~D();
  }
  template <class D>
  static void manage_heap(Op op, void* self, void* target) {
    D* d = nullptr;
    std::memcpy(&d, self, sizeof d);
    if (op == Op::move_to) std::memcpy(target, &d, sizeof d);
    else delete d;
  }

  void take(Handler& o) noexcept {
    if (o.manage_ != nullptr) o.manage_(Op::move_to, o.storage_, storage_);
    else std::memcpy(storage_, o.storage_, kSize);
    invoke_ = o.invoke_;
    manage_ = o.manage_;
    o.invoke_ = nullptr;
    o.manage_ = nullptr;
  }
  alignas(void*) unsigned char storage_[kSize]{};
  void (*invoke_)(void*) = nullptr;
  void (*manage_)(Op, void*, void*) = nullptr;
};

}  // namespace sim
