#pragma once
// A deterministic random source for the demo: std::mt19937's output sequence is fixed by the
// standard, and every distribution below is implemented here (the standard library's
// distributions are implementation-defined), so a seed gives the same numbers everywhere.
#include <cstddef>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace repscope::demo {

class DemoRng {
public:
    explicit DemoRng(std::uint32_t seed) : engine_(seed) {}

    // Uniform in [0, 1) with 24 random bits (exactly representable as float).
    float uniform01() { return static_cast<float>(engine_() >> 8) * (1.0f / 16777216.0f); }
    // Uniform in [lo, hi).
    float uniform(float lo, float hi) { return lo + (hi - lo) * uniform01(); }

    // Uniform integer in [0, bound), bound > 0, without modulo bias (rejection sampling).
    std::uint32_t below(std::uint32_t bound) {
        const std::uint32_t limit = static_cast<std::uint32_t>(-bound) % bound;  // 2^32 mod bound
        for (;;) {
            const std::uint32_t x = static_cast<std::uint32_t>(engine_());
            if (x >= limit) return x % bound;
        }
    }

    // Fisher–Yates shuffle.
    template <typename T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) {
            const std::size_t j = below(static_cast<std::uint32_t>(i));
            std::swap(v[i - 1], v[j]);
        }
    }

private:
    std::mt19937 engine_;
};

}  // namespace repscope::demo
