#pragma once
// Odd-one-out triplet judgements and a model's agreement with them (alignment.md, "Triplet
// agreement"). The model's similarity of two stimuli is the dot product of L2-normalised rows
// (cosine), of raw rows (dot, as THINGS/SPoSE), or for a precomputed RDM the negative
// dissimilarity. For a triplet the model's odd one out is the item outside its most similar
// pair; when several pairs tie for most similar, their outside items share the credit equally.
// Agreement is the mean credit given to the person's choice (chance 1/3).
#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "repscope/progress.h"
#include "repscope/representation.h"

namespace repscope::alignment {

enum class TripletSimilarity { Cosine, Dot };
// "cosine" or "dot"; throws InputError otherwise.
[[nodiscard]] TripletSimilarity parseTripletSimilarity(std::string_view name);

struct TripletJudgements {
    std::vector<std::array<std::uint32_t, 3>> items;  // stimulus indices a, b, c
    std::vector<std::uint8_t> odd;                    // 0, 1 or 2: which of the three was chosen
    std::size_t dropped = 0;        // rows naming a label the stimuli lack
    std::string firstUnknownLabel;  // for the message that reports them
};

// Reads a triplet CSV with header `subject,a,b,c,odd_one_out` (subject optional) whose labels are
// matched against `labels` (unknown ones drop the row and are counted). Throws FileError or
// FormatError naming the file and line: wrong field count, an odd one out that is not one of its
// three, a label repeated within a triplet, an empty label. Bounded like the ratings reader.
[[nodiscard]] TripletJudgements readTripletsCsv(const std::string& path,
                                                const std::vector<std::string>& labels);

// Reads THINGS-style triplets from a .npy file (io/npy.h): an (n, 3) integer array of stimulus
// indices into the collection's order, the third column the odd one out. Rows with an index
// outside [0, stimuli) are dropped and counted (firstUnknownLabel says "index K"). Throws
// FileError or FormatError naming the file: not a valid .npy, not an (n, 3) integer array, a row
// naming a stimulus twice.
[[nodiscard]] TripletJudgements readTripletsNpy(const std::string& path, std::size_t stimuli);

// The credit (0, 1/3, 1/2 or 1) each triplet gives the model. `x` is N × D features, or an
// N × N RDM when isRdm. Throws FormatError for NaN/Inf or a zero row under cosine.
[[nodiscard]] std::vector<double> tripletCredits(const MatrixF& x, bool isRdm,
                                                 TripletSimilarity similarity,
                                                 const TripletJudgements& judgements,
                                                 Progress& progress = silentProgress());

// Over triplets (as unordered sets) answered at least twice: the mean share of answers equal to
// that triplet's most frequent answer. nullopt when no triplet was answered twice.
struct TripletCeiling {
    double value = 0.0;
    std::size_t repeated = 0;  // triplet sets answered at least twice
};
[[nodiscard]] std::optional<TripletCeiling> tripletNoiseCeiling(const TripletJudgements& judgements);

}  // namespace repscope::alignment
