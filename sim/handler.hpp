// sim::InlineFunction<R(Args...), Size>: a move-only callable with `Size` bytes of inline
// storage. Lambdas that fit (the common case: [this, id], or a weak guard and a few numbers) are
// stored inline and, when trivially copyable, moved by copying bytes — no allocation and no
// indirect call beyond the invocation; larger callables fall back to the heap. Hot paths use it
// instead of std::function, whose 16-byte buffer sends every capture beyond two pointers (or
// any non-trivial one, e.g. a weak_ptr) to malloc, and whose moves go through a manager call.
// sim::Handler, what an event runs, is InlineFunction<void(), 24>.
//   sim::Handler h = [this, lp] { on_event(lp); };
//   h();
//   sim::InlineFunction<void(bool), 48> done = [this, alive = weak(), seq](bool ok) { … };
#pragma once

#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace sim {

template <class Signature, std::size_t Size>
class InlineFunction;

template <class R, class... Args, std::size_t Size>
class InlineFunction<R(Args...), Size> {
 public:
  InlineFunction() = default;
  InlineFunction(std::nullptr_t) {}  // NOLINT(google-explicit-constructor): allows `f = nullptr`

  template <class F, class D = std::decay_t<F>,
            class = std::enable_if_t<!std::is_same_v<D, InlineFunction> && std::is_invocable_r_v<R, D&, Args...>>>
  InlineFunction(F&& f) {  // NOLINT(google-explicit-constructor): lambdas convert implicitly
    emplace(std::forward<F>(f));
  }

  InlineFunction(InlineFunction&& o) noexcept { take(o); }
  InlineFunction& operator=(InlineFunction&& o) noexcept {
    if (this != &o) {
      reset();
      take(o);
    }
    return *this;
  }
  InlineFunction(const InlineFunction&) = delete;
  InlineFunction& operator=(const InlineFunction&) = delete;
  ~InlineFunction() { reset(); }

  // Builds `f` in this function, which must be empty (as after reset or a move from it). The
  // event queue builds a handler right in its slot this way instead of building it on the stack
  // and copying it in: 13 fewer instructions per PHOLD event (346 → 333, callgrind); the wall-time
  // gain was within the noise of the VM it was measured on (issue 18, bench/README session 15).
  template <class F, class D = std::decay_t<F>,
            class = std::enable_if_t<!std::is_same_v<D, InlineFunction> && std::is_invocable_r_v<R, D&, Args...>>>
  void emplace(F&& f) {
    if constexpr (kInline<D>) {
      ::new (static_cast<void*>(storage_)) D(std::forward<F>(f));
      invoke_ = [](void* p, Args... args) -> R { return (*static_cast<D*>(p))(std::forward<Args>(args)...); };
      if constexpr (!std::is_trivially_copyable_v<D>) manage_ = &manage_inline<D>;
    } else {
      D* heap = new D(std::forward<F>(f));
      std::memcpy(storage_, &heap, sizeof heap);
      invoke_ = [](void* p, Args... args) -> R { return (**static_cast<D**>(p))(std::forward<Args>(args)...); };
      manage_ = &manage_heap<D>;
    }
  }

  R operator()(Args... args) { return invoke_(storage_, std::forward<Args>(args)...); }
  // Destroys the callable now (releases what it captured); the function becomes empty.
  void reset() noexcept {
    if (manage_ != nullptr) manage_(Op::destroy, storage_, nullptr);
    invoke_ = nullptr;
    manage_ = nullptr;
  }
  explicit operator bool() const { return invoke_ != nullptr; }
  // Moves `o`'s callable into this one, which must be empty (as after reset or a move from it);
  // `o` becomes empty. The event queue's path: no destroy step on this side.
  void adopt(InlineFunction& o) noexcept { take(o); }

 private:
  enum class Op { move_to, destroy };
  template <class D>
  static constexpr bool kInline = sizeof(D) <= Size && alignof(D) <= alignof(void*) &&
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

  void take(InlineFunction& o) noexcept {
    if (o.manage_ != nullptr) o.manage_(Op::move_to, o.storage_, storage_);
    else std::memcpy(storage_, o.storage_, Size);
    invoke_ = o.invoke_;
    manage_ = o.manage_;
    o.invoke_ = nullptr;
    o.manage_ = nullptr;
  }
  alignas(void*) unsigned char storage_[Size]{};
  R (*invoke_)(void*, Args...) = nullptr;
  void (*manage_)(Op, void*, void*) = nullptr;
};

using Handler = InlineFunction<void(), 24>;

}  // namespace sim
