// rsatoolbox Datasets with repeated measurements (alignment.md): when the condition descriptor
// repeats, the stimuli are the distinct conditions (sorted as numpy.unique sorts them: numbers
// numerically, strings by code point) and /measurements is the per-condition mean; the raw
// observations and the run descriptor stay reachable for crossnobis (RepeatedMeasurements).
#include <algorithm>
#include <map>
#include <mutex>
#include <variant>

#include "io/layouts.h"
#include "repscope/error.h"
#include "repscope/repeated_measurements.h"

namespace repscope::io {
namespace {

class ConditionMeanRepresentation final : public Representation, public RepeatedMeasurements {
public:
    ConditionMeanRepresentation(RepresentationInfo info, RepresentationPtr observations,
                                RunDesign design)
        : Representation(std::move(info)),
          observations_(std::move(observations)),
          design_(std::move(design)) {}

    using Representation::readRows;
    [[nodiscard]] MatrixF readRows(std::size_t first, std::size_t count) const override {
        const MatrixF& m = means();
        if (first + count > static_cast<std::size_t>(m.rows())) {
            throw FormatError(info().qualifiedName() + " has only " + std::to_string(m.rows()) +
                              " rows");
        }
        return m.middleRows(static_cast<Eigen::Index>(first), static_cast<Eigen::Index>(count));
    }
    [[nodiscard]] const RunDesign& design() const override { return design_; }
    [[nodiscard]] MatrixF readObservations() const override { return observations_->readAll(); }

private:
    const MatrixF& means() const {
        std::call_once(once_, [this] {
            const MatrixF x = observations_->readAll();
            Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(design_.conditions), x.cols());
            Eigen::VectorXd count = Eigen::VectorXd::Zero(sum.rows());
            for (Eigen::Index r = 0; r < x.rows(); ++r) {
                const auto c = static_cast<Eigen::Index>(design_.condition[static_cast<std::size_t>(r)]);
                sum.row(c) += x.row(r).cast<double>();
                count(c) += 1.0;
            }
            for (Eigen::Index c = 0; c < sum.rows(); ++c) sum.row(c) /= count(c);
            means_ = sum.cast<float>();
        });
        return means_;
    }

    RepresentationPtr observations_;
    RunDesign design_;
    mutable std::once_flag once_;
    mutable MatrixF means_;
};

using Value = std::variant<std::int64_t, std::string>;

// The descriptor's values (strings or integers), or empty when it is neither.
std::vector<Value> descriptorValues(const H5FilePtr& file, const std::string& path, std::size_t n) {
    const DatasetFacts f = datasetFacts(file->id.get(), path);
    if (f.shape.size() != 1 || f.shape[0] != n) return {};
    H5Id ds(H5Dopen2(file->id.get(), path.c_str(), datasetAccess()));
    std::vector<Value> out;
    const std::string where = file->path + ":" + path;
    if (f.typeClass == TypeClass::String) {
        for (auto& s : readStrings(ds.get(), where)) out.emplace_back(std::move(s));
    } else if (f.typeClass == TypeClass::Integer) {
        for (const auto v : readIntegers(ds.get(), where)) out.emplace_back(v);
    }
    return out;
}

std::string text(const Value& v) {
    return std::holds_alternative<std::string>(v) ? std::get<std::string>(v)
                                                  : std::to_string(std::get<std::int64_t>(v));
}

// Sorted distinct values and each value's index among them.
std::pair<std::vector<Value>, std::vector<std::uint32_t>> uniqueInverse(const std::vector<Value>& v) {
    std::vector<Value> distinct = v;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    std::vector<std::uint32_t> inverse;
    inverse.reserve(v.size());
    for (const Value& x : v) {
        inverse.push_back(static_cast<std::uint32_t>(
            std::lower_bound(distinct.begin(), distinct.end(), x) - distinct.begin()));
    }
    return {std::move(distinct), std::move(inverse)};
}

std::string findDescriptor(const H5FilePtr& file, std::initializer_list<const char*> names) {
    const auto paths = file->index.datasetsUnder("/obs_descriptors");
    for (const char* name : names) {
        for (const auto& p : paths) {
            if (baseName(p) == name) return p;
        }
    }
    return {};
}

}  // namespace

bool readRepeatedMeasurements(const H5FilePtr& file, const DatasetFacts& measurements,
                              Discovery& out) {
    const std::size_t n = measurements.shape.at(0);
    const std::string conditionPath =
        findDescriptor(file, {"conds", "cond", "conditions", "condition", "stimulus", "stimuli",
                              "labels", "label"});
    if (conditionPath.empty()) return false;
    const std::vector<Value> conditions = descriptorValues(file, conditionPath, n);
    if (conditions.empty()) return false;
    auto [distinct, inverse] = uniqueInverse(conditions);
    if (distinct.size() == conditions.size()) return false;  // no repeats: one row per stimulus
    RunDesign design;
    design.condition = std::move(inverse);
    design.conditions = distinct.size();
    const std::string runPath = findDescriptor(file, {"runs", "run", "fold", "folds", "session",
                                                      "sessions"});
    if (!runPath.empty()) {
        const std::vector<Value> runs = descriptorValues(file, runPath, n);
        if (!runs.empty()) {
            auto [runValues, runIndex] = uniqueInverse(runs);
            design.run = std::move(runIndex);
            for (const Value& r : runValues) design.runNames.push_back(text(r));
            design.runDescriptor = baseName(runPath);
        }
    }
    Stimuli stimuli;
    stimuli.count = distinct.size();
    for (const Value& c : distinct) stimuli.labels.push_back(text(c));
    out.stimuli = std::move(stimuli);
    out.warnings.push_back(file->path + ":/measurements holds " + std::to_string(n) +
                           " observations of " + std::to_string(design.conditions) +
                           " conditions (" + baseName(conditionPath) +
                           "); its representation is the per-condition mean" +
                           (design.run.empty() ? std::string()
                                               : " and crossnobis cross-validates over " +
                                                     std::to_string(design.runNames.size()) +
                                                     " " + design.runDescriptor));
    const RepresentationPtr raw = makeDenseRepresentation(file, measurements, "rsatoolbox", "measurements");
    RepresentationInfo info = raw->info();
    info.n = design.conditions;
    info.shape = {design.conditions, info.d};
    info.kind = RepresentationKind::Features;
    out.representations.push_back(
        std::make_shared<ConditionMeanRepresentation>(std::move(info), raw, std::move(design)));
    return true;
}

}  // namespace repscope::io
