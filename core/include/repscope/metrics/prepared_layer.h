#pragma once
// One representation's share of a layer matrix, computed once and then compared with many
// others: the same per-representation work as computeLayerMatrix (layer_matrix.h), but held per
// representation so a caller that owns only some of the layers (a distributed run, a tile of a
// pair matrix) can prepare exactly those and compare any two of them.
//
//   - RSA metrics: the RDM vector (RDM measure and --geotopo applied; ranked for rsa_spearman).
//   - cka_linear / cka_linear_debiased: the centred representation and its self term.
//   - every other metric: the values themselves (each pair computed from scratch).
//
// A representation whose share is undefined (zero variance, NaN/Inf: FormatError) is still a
// PreparedLayer; every pair with it is undefined, with the same reason computeLayerMatrix gives.
//
//   auto a = metrics::prepareLayer(m, std::move(values), false, labels, "f.h5:/m/l1", params);
//   double v = metrics::comparePreparedLayers(m, *a, *b, params);  // FormatError: undefined
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "repscope/metrics/registry.h"
#include "repscope/representation.h"

namespace repscope::metrics {

class PreparedLayer {
public:
    struct State;
    explicit PreparedLayer(std::unique_ptr<State> state);
    ~PreparedLayer();
    PreparedLayer(const PreparedLayer&) = delete;
    PreparedLayer& operator=(const PreparedLayer&) = delete;

    // Bytes this prepared share holds (for caches with a memory bound).
    [[nodiscard]] std::size_t bytes() const;
    [[nodiscard]] const State& state() const { return *state_; }

private:
    std::unique_ptr<State> state_;
};

// Prepares `values` (N×D, or N×N when isRdm) for metric m. Throws InputError for an operand the
// metric cannot take (a precomputed RDM for CKA) or parameters it does not have; a FormatError
// (undefined share) is kept inside the result instead.
[[nodiscard]] std::shared_ptr<const PreparedLayer> prepareLayer(
    const MetricInfo& m, MatrixF values, bool isRdm, const std::vector<std::string>* labels,
    const std::string& name, const MetricParams& params);

// m(a, b); a and b the same object is the diagonal. Throws FormatError (the pair is undefined,
// with the reason), AlignmentError when the two have different stimulus counts.
[[nodiscard]] double comparePreparedLayers(const MetricInfo& m, const PreparedLayer& a,
                                           const PreparedLayer& b, const MetricParams& params);

}  // namespace repscope::metrics
