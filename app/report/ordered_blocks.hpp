// app::report::write_in_blocks: formats a long run of items on several threads, block by block,
// and hands the blocks' texts to `write` one after another in item order — the bytes one thread
// formatting the items in turn would give, whatever the thread count. Blocks are claimed in
// order and only a few are held formatted ahead of the one being written, so the memory is a few
// blocks, not the whole text (a 100 000-LPAR report's migrations are 1 GB). The calling thread
// formats blocks too and does all the writing; an exception from `format` or `write` stops the
// others and is rethrown here.
//   write_in_blocks(n, 256, 2, [&](std::size_t b, std::size_t e) { return text_of(b, e); },
//                   [&](std::string_view text) { out << text; });
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace app::report {

void write_in_blocks(std::size_t count, std::size_t block, unsigned threads,
                     const std::function<std::string(std::size_t begin, std::size_t end)>& format,
                     const std::function<void(std::string_view text)>& write);

// Threads for formatting one large output: the machine's, at most 4 (the writing is one thread).
unsigned formatting_threads();

}  // namespace app::report
