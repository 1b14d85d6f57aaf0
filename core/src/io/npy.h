#pragma once
// NumPy .npy arrays (format 1.0, 2.0, 3.0; alignment.md, "Inputs"): a small, strict reader.
// The header dict must hold exactly 'descr', 'fortran_order' and 'shape'; descr is a
// little- or big-endian float32/float64 or 1–8-byte (un)signed integer; C order only (Fortran
// order is refused by name); header ≤ 64 KiB; the shape's product is checked before it is
// multiplied (≤ 2^56 values) and the file size must equal header + data exactly.
//   (N, N)     → one precomputed RDM, /rdm
//   (S, N, N)  → an RDM set /rdms of S subjects, /rdms/<k> (k from 0), like a native rdm_set
//   (n, 3) integers → THINGS-style triplets, read by alignment::readTripletsNpy
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "repscope/data_file.h"

namespace repscope::io {

struct NpyHeader {
    char kind = 'f';         // 'f' float, 'i' signed, 'u' unsigned integer
    std::size_t itemSize = 0;
    bool bigEndian = false;
    std::vector<std::uint64_t> shape;
    std::uint64_t elements = 0;
    std::uint64_t dataOffset = 0;
    [[nodiscard]] std::string dtype() const;  // numpy-style: float32, int64, uint8, ...
};

// Throws FileError (cannot be read) or FormatError: one sentence naming the file and what is
// wrong with it.
[[nodiscard]] NpyHeader readNpyHeader(const std::string& path);

// Values [first, first + count) (in C order) as doubles / floats; throws FormatError when the
// file no longer holds them.
void readNpyValues(const std::string& path, const NpyHeader& h, std::uint64_t first,
                   std::uint64_t count, float* out);
void readNpyValues(const std::string& path, const NpyHeader& h, std::uint64_t first,
                   std::uint64_t count, std::int64_t* out);  // unsigned values above INT64_MAX become -1

// True when `path` ends in .npy (any case).
[[nodiscard]] bool isNpyPath(const std::string& path);

[[nodiscard]] std::shared_ptr<const DataFile> readNpyFile(const std::string& path);

}  // namespace repscope::io
