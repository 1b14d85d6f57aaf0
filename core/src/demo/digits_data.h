#pragma once
// The UCI handwritten digits embedded in the binary: decompression, parsing and the
// deterministic stratified train / held-out split of the demo.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "repscope/representation.h"

namespace repscope::demo {

inline constexpr int kDigitPixels = 64;  // 8 × 8
inline constexpr int kDigitSide = 8;
inline constexpr int kDigitClasses = 10;
inline constexpr int kDigitMaxValue = 16;

struct DigitsData {
    MatrixF pixels;                 // N × 64, raw values 0..16
    std::vector<int> digits;        // N, 0..9
    std::vector<std::size_t> rows;  // N, the row of each stimulus in the embedded CSV
    [[nodiscard]] std::size_t count() const { return digits.size(); }
};

// Inflates a gzip stream. Throws FormatError when the data is not valid gzip.
[[nodiscard]] std::string gunzip(const unsigned char* data, std::size_t size,
                                 const std::string& what);

// Parses the CSV (64 pixel columns then the digit, one image per line). Throws FormatError
// naming `what` and the line when a line is malformed.
[[nodiscard]] DigitsData parseDigitsCsv(const std::string& csv, const std::string& what);

// The embedded digits, ordered by digit (stable: CSV order within a digit).
[[nodiscard]] DigitsData loadEmbeddedDigits();

// Deterministic stratified split: in each digit, a fixed-seed shuffle puts round(20 %) of the
// stimuli in the held-out set. Returns one flag per stimulus (true = held out).
[[nodiscard]] std::vector<bool> stratifiedHeldOut(const std::vector<int>& digits,
                                                  double heldOutFraction = 0.2,
                                                  std::uint32_t seed = 20240101u);

}  // namespace repscope::demo
