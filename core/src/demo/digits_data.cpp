#include "demo/digits_data.h"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

#include "demo/rng.h"
#include "repscope/error.h"

namespace repscope::embedded {
extern const unsigned char kDigitsCsvGz[];
extern const std::size_t kDigitsCsvGzSize;
}  // namespace repscope::embedded

namespace repscope::demo {

std::string gunzip(const unsigned char* data, std::size_t size, const std::string& what) {
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        throw FormatError("Could not initialise zlib to decompress " + what + ".");
    }
    // zlib's API takes a non-const pointer but does not write through next_in.
    zs.next_in = const_cast<Bytef*>(data);
    zs.avail_in = static_cast<uInt>(size);
    std::string out;
    char buffer[65536];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef*>(buffer);
        zs.avail_out = sizeof(buffer);
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            throw FormatError(what + " is not valid gzip data (zlib error " + std::to_string(rc) +
                              ").");
        }
        out.append(buffer, sizeof(buffer) - zs.avail_out);
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            inflateEnd(&zs);
            throw FormatError(what + " is truncated gzip data.");
        }
    }
    inflateEnd(&zs);
    return out;
}

namespace {

// Parses one non-negative number ("5", "5.0", "5.000e+00") that must be an integer.
bool parseValue(std::string_view field, double& value) {
    while (!field.empty() && (field.front() == ' ' || field.front() == '\t'))
        field.remove_prefix(1);
    while (!field.empty() &&
           (field.back() == ' ' || field.back() == '\t' || field.back() == '\r')) {
        field.remove_suffix(1);
    }
    if (field.empty()) return false;
    const auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
    return ec == std::errc() && ptr == field.data() + field.size() && std::isfinite(value) &&
           value == std::floor(value);
}

}  // namespace

DigitsData parseDigitsCsv(const std::string& csv, const std::string& what) {
    std::vector<float> pixels;
    std::vector<int> digits;
    std::size_t lineNo = 0;
    std::size_t pos = 0;
    while (pos < csv.size()) {
        std::size_t end = csv.find('\n', pos);
        if (end == std::string::npos) end = csv.size();
        const std::string_view line(csv.data() + pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        std::size_t column = 0;
        std::size_t start = 0;
        for (;;) {
            const std::size_t comma = line.find(',', start);
            const std::string_view field = line.substr(
                start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
            double v = 0.0;
            const bool isDigit = column == static_cast<std::size_t>(kDigitPixels);
            const double maxValue = isDigit ? kDigitClasses - 1 : kDigitMaxValue;
            if (column > static_cast<std::size_t>(kDigitPixels) || !parseValue(field, v) ||
                v < 0.0 || v > maxValue) {
                throw FormatError(what + " line " + std::to_string(lineNo) + " column " +
                                  std::to_string(column + 1) + " is not a valid value.");
            }
            if (isDigit) {
                digits.push_back(static_cast<int>(v));
            } else {
                pixels.push_back(static_cast<float>(v));
            }
            ++column;
            if (comma == std::string_view::npos) break;
            start = comma + 1;
        }
        if (column != static_cast<std::size_t>(kDigitPixels) + 1) {
            throw FormatError(what + " line " + std::to_string(lineNo) + " has " +
                              std::to_string(column) + " columns instead of 65.");
        }
    }
    if (digits.empty()) throw FormatError(what + " holds no images.");

    DigitsData d;
    const auto n = static_cast<Eigen::Index>(digits.size());
    d.pixels = Eigen::Map<const MatrixF>(pixels.data(), n, kDigitPixels);
    d.digits = std::move(digits);
    d.rows.resize(d.digits.size());
    std::iota(d.rows.begin(), d.rows.end(), std::size_t{0});
    return d;
}

DigitsData loadEmbeddedDigits() {
    const std::string what = "The embedded digits data";
    const DigitsData all =
        parseDigitsCsv(gunzip(embedded::kDigitsCsvGz, embedded::kDigitsCsvGzSize, what), what);
    std::vector<std::size_t> order(all.count());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return all.digits[a] < all.digits[b]; });
    DigitsData d;
    d.pixels.resize(all.pixels.rows(), all.pixels.cols());
    d.digits.resize(all.count());
    d.rows.resize(all.count());
    for (std::size_t i = 0; i < order.size(); ++i) {
        d.pixels.row(static_cast<Eigen::Index>(i)) =
            all.pixels.row(static_cast<Eigen::Index>(order[i]));
        d.digits[i] = all.digits[order[i]];
        d.rows[i] = all.rows[order[i]];
    }
    return d;
}

std::vector<bool> stratifiedHeldOut(const std::vector<int>& digits, double heldOutFraction,
                                    std::uint32_t seed) {
    std::vector<bool> heldOut(digits.size(), false);
    DemoRng rng(seed);
    for (int c = 0; c < kDigitClasses; ++c) {
        std::vector<std::size_t> members;
        for (std::size_t i = 0; i < digits.size(); ++i) {
            if (digits[i] == c) members.push_back(i);
        }
        rng.shuffle(members);
        const auto take = static_cast<std::size_t>(
            std::lround(heldOutFraction * static_cast<double>(members.size())));
        for (std::size_t k = 0; k < take && k < members.size(); ++k) heldOut[members[k]] = true;
    }
    return heldOut;
}

}  // namespace repscope::demo
