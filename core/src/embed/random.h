#pragma once
// A small seeded generator with the same output on every platform and standard library
// (std::normal_distribution is implementation-defined), so that seeded embeddings are
// reproducible everywhere.
#include <cmath>
#include <cstdint>
#include <numbers>

namespace repscope::embed::detail {

class SeededRandom {
public:
    explicit SeededRandom(std::uint64_t seed) : state_(seed ^ 0x9E3779B97F4A7C15ULL) {}

    // SplitMix64 (Steele, Lea & Flood 2014).
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform integer in [0, bound), bound > 0 (bias is < 2^-32 for the bounds used here).
    std::uint32_t below(std::uint32_t bound) {
        return static_cast<std::uint32_t>(((next() >> 32) * bound) >> 32);
    }
    // Standard normal (Box–Muller, both values used).
    double normal() {
        if (hasSpare_) {
            hasSpare_ = false;
            return spare_;
        }
        double u = 0.0;
        do {
            u = uniform();
        } while (u <= 0.0);
        const double v = uniform();
        const double r = std::sqrt(-2.0 * std::log(u));
        spare_ = r * std::sin(2.0 * std::numbers::pi * v);
        hasSpare_ = true;
        return r * std::cos(2.0 * std::numbers::pi * v);
    }

private:
    std::uint64_t state_;
    double spare_ = 0.0;
    bool hasSpare_ = false;
};

}  // namespace repscope::embed::detail
