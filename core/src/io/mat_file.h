#pragma once
// MATLAB .mat files (alignment.md, "Targets"; v4, v5 and v7.3 through libmatio). Variables are
// paths /NAME:
//   N × N numeric        → a precomputed RDM when its name says so (contains "rdm") or it is
//                          symmetric with a zero diagonal (the rule of the HDF5 layouts);
//                          otherwise a representation of N stimuli
//   N × D numeric        → a representation (rows are stimuli)
//   S × N × N numeric    → an RDM set /NAME of S subjects, /NAME/<k> (k from 0); an N × N × S
//                          array (MATLAB's cat(3, ...)) too when only its first two sizes agree
//   struct array with fields RDM and name (the RSA toolbox's RDMs): one RDM per element,
//                          /NAME/<name>; RDM is N × N or a vector of the N(N-1)/2 upper
//                          triangle entries (squareform / vectorizeRDM order). The whole array is
//                          the RDM set /NAME, and its elements are also models (RdmSet::
//                          membersAreModels) wherever the set is not the target.
// Complex, sparse, logical, char, cell and other variables are skipped, each with one sentence.
// N is the most common stimulus count; variables over another N are skipped.
#include <memory>
#include <string>

#include "repscope/data_file.h"

namespace repscope::io {

// True when `path` ends in .mat (any case).
[[nodiscard]] bool isMatPath(const std::string& path);

// Throws FileError (not a readable MAT file) or FormatError (nothing usable), one sentence naming
// the file.
[[nodiscard]] std::shared_ptr<const DataFile> readMatFile(const std::string& path);

}  // namespace repscope::io
