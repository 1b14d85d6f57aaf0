#include "repscope/metrics/prepared_layer.h"

#include <optional>
#include <variant>

#include "metrics/linear_hsic.h"
#include "metrics/metric_support.h"
#include "repscope/error.h"
#include "repscope/metrics/rdm.h"
#include "repscope/metrics/rsa.h"

namespace repscope::metrics {

namespace {

struct RsaShare {
    std::optional<Eigen::VectorXd> vector;  // ranked for rsa_spearman
};
template <class T>
struct CkaShare {
    std::optional<detail::CentredRepresentation<T>> centred;
    Eigen::Index n = 0;
};
struct RawShare {
    MatrixF values;
    bool isRdm = false;
};

bool isRsaComparator(const MetricInfo& m, RsaComparator& out) {
    for (RsaComparator c : {RsaComparator::Spearman, RsaComparator::Pearson,
                            RsaComparator::KendallTauA, RsaComparator::Cosine}) {
        if (rsaComparatorName(c) == m.name) {
            out = c;
            return true;
        }
    }
    return false;
}

struct ShareBytes {
    std::size_t operator()(const RsaShare& s) const {
        return s.vector ? static_cast<std::size_t>(s.vector->size()) * sizeof(double) : 0;
    }
    template <class T>
    std::size_t operator()(const CkaShare<T>& s) const {
        if (!s.centred) return 0;
        return static_cast<std::size_t>(s.centred->xt.size()) * sizeof(T) +
               static_cast<std::size_t>(s.centred->ssr.size()) * sizeof(double);
    }
    std::size_t operator()(const RawShare& s) const {
        return static_cast<std::size_t>(s.values.size()) * sizeof(float);
    }
};

}  // namespace

struct PreparedLayer::State {
    std::variant<RsaShare, CkaShare<float>, CkaShare<double>, RawShare> share;
    std::string why;  // the reason when the share is undefined
};

PreparedLayer::PreparedLayer(std::unique_ptr<State> state) : state_(std::move(state)) {}
PreparedLayer::~PreparedLayer() = default;

std::size_t PreparedLayer::bytes() const {
    return std::visit(ShareBytes{}, state_->share);
}

namespace {

template <class T>
CkaShare<T> ckaShare(const MatrixF& values, const std::string& name, std::string& why) {
    CkaShare<T> share;
    share.n = values.rows();
    try {
        detail::requireFinite(values, name);
        share.centred = detail::centredRepresentation<T>(values, detail::ProgressSpan(silentProgress()));
    } catch (const FormatError& e) {
        why = e.what();
    }
    return share;
}

}  // namespace

std::shared_ptr<const PreparedLayer> prepareLayer(const MetricInfo& m, MatrixF values, bool isRdm,
                                                  const std::vector<std::string>* labels,
                                                  const std::string& name,
                                                  const MetricParams& params) {
    checkParams(m, params);
    auto state = std::make_unique<PreparedLayer::State>();
    RsaComparator comparator{};
    const bool cka = m.name == "cka_linear" || m.name == "cka_linear_debiased";
    if (cka && isRdm) {
        throw InputError(m.name + " compares representations, not precomputed RDMs; use an "
                         "rsa_* metric.");
    }
    if (m.family == MetricFamily::Rsa && isRsaComparator(m, comparator)) {
        // As computeLayerMatrix's shared RSA path: an undefined RDM leaves its pairs undefined.
        const RsaOptions options = rsaOptions(params);
        RsaShare share;
        try {
            Eigen::VectorXd v;
            if (isRdm) {
                v = rsaVectorFromRdm(values, options);
            } else {
                const Eigen::MatrixXd rdm = labels != nullptr
                                                ? computeRdm(values, options.measure, *labels)
                                                : computeRdm(values, options.measure);
                v = upperTriangle(rdm);
                if (options.geotopo) v = geoTopoTransform(v, *options.geotopo);
            }
            if (comparator == RsaComparator::Spearman) v = averageRanks(v);
            share.vector = std::move(v);
        } catch (const FormatError& e) {
            state->why = e.what();
        }
        state->share = std::move(share);
    } else if (cka && values.rows() >= m.accepts.minStimuli) {
        if (m.name == "cka_linear") {
            state->share = ckaShare<float>(values, name, state->why);
        } else {
            state->share = ckaShare<double>(values, name, state->why);
        }
    } else {
        state->share = RawShare{std::move(values), isRdm};
    }
    return std::make_shared<const PreparedLayer>(std::move(state));
}

double comparePreparedLayers(const MetricInfo& m, const PreparedLayer& a, const PreparedLayer& b,
                             const MetricParams& params) {
    const PreparedLayer::State& sa = a.state();
    const PreparedLayer::State& sb = b.state();
    if (sa.share.index() != sb.share.index()) {
        throw InputError("two layers prepared for different metrics cannot be compared.");
    }
    if (const auto* ra = std::get_if<RsaShare>(&sa.share)) {
        const auto& rb = std::get<RsaShare>(sb.share);
        if (!ra->vector || !rb.vector) throw FormatError(!ra->vector ? sa.why : sb.why);
        if (ra->vector->size() != rb.vector->size()) {
            throw AlignmentError(m.name + " needs the same stimuli on both sides.");
        }
        RsaComparator c{};
        isRsaComparator(m, c);
        const RsaComparator pairwise = c == RsaComparator::Spearman ? RsaComparator::Pearson : c;
        return compareRdmVectors(*ra->vector, *rb.vector, pairwise);
    }
    const auto cka = [&](const auto& ca, const auto& cb, bool debiased) {
        if (!ca.centred || !cb.centred) throw FormatError(!ca.centred ? sa.why : sb.why);
        if (ca.n != cb.n) {
            throw AlignmentError(m.name + " needs the same stimuli in every representation, but "
                                 "one has " + std::to_string(ca.n) + " and another " +
                                 std::to_string(cb.n) + ".");
        }
        const auto& x = *ca.centred;
        const auto& y = *cb.centred;
        const double kl = &a == &b ? x.self
                                   : detail::crossHsic(x, y, detail::ProgressSpan(silentProgress()));
        if (!debiased) return detail::linearCkaValue(kl, x.self, y.self);
        return detail::debiasedCkaValue(kl, x.self, y.self, x.ssr, y.ssr, static_cast<double>(ca.n));
    };
    if (const auto* ca = std::get_if<CkaShare<float>>(&sa.share)) {
        return cka(*ca, std::get<CkaShare<float>>(sb.share), false);
    }
    if (const auto* ca = std::get_if<CkaShare<double>>(&sa.share)) {
        return cka(*ca, std::get<CkaShare<double>>(sb.share), true);
    }
    const auto& xa = std::get<RawShare>(sa.share);
    const auto& xb = std::get<RawShare>(sb.share);
    return computeMetric(m, {xa.values, xa.isRdm}, {xb.values, xb.isRdm}, params);
}

}  // namespace repscope::metrics
