#pragma once
// Pairwise similarity ratings from a CSV file (alignment.md, "Pairwise ratings"):
//   subject,stimulus_a,stimulus_b,similarity      (or …,dissimilarity)
// one judgement a row. The stimuli are the labels the file names, in natural sort order; each
// subject's ratings form one RDM (pair order does not matter, repeated judgements are averaged,
// unrated pairs are NaN). A similarity s becomes (s_max − s) / (s_max − s_min) with s_min, s_max
// over the whole file. The file opens as the RDM set /ratings; subject k's RDM is
// /ratings/<subject> (subjects in natural sort order).
#include <string>

#include "io/csv_reader.h"
#include "repscope/data_file.h"

namespace repscope::io {

// Limits on what one ratings file may hold (checked while reading, before anything grows).
inline constexpr std::size_t kMaxRatingRows = 50'000'000;
inline constexpr std::size_t kMaxRatingStimuli = 100'000;
inline constexpr std::size_t kMaxRatingSubjects = 100'000;
inline constexpr std::size_t kMaxLabelBytes = 4096;

// Throws FileError (cannot be read) or FormatError: one sentence naming the file and, for a bad
// row, its line (wrong field count, a rating that is not a finite number, an empty label, a
// stimulus rated against itself, a subject name with '/').
[[nodiscard]] std::shared_ptr<const DataFile> readRatingsCsv(const std::string& path);

}  // namespace repscope::io
