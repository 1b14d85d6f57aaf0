#include "cli/inputs.h"

#include <iostream>

#include "repscope/error.h"

namespace repscope::cli {

LoadedRepresentation loadRepresentation(const std::string& spec) {
    const QualifiedPath q = splitQualifiedPath(spec);
    LoadedRepresentation out;
    out.file = DataFile::open(q.file);
    out.representation = out.file->find(q.path);
    out.values = out.representation->readAll();
    out.name = out.representation->info().qualifiedName();
    const Stimuli& st = out.file->stimuli();
    for (std::size_t i = 0; i < out.file->stimulusCount(); ++i) out.labels.push_back(st.label(i));
    return out;
}

void requireSameStimuli(const LoadedRepresentation& a, const LoadedRepresentation& b) {
    if (a.values.rows() != b.values.rows()) {
        throw AlignmentError(a.name + " has " + std::to_string(a.values.rows()) + " stimuli but " +
                             b.name + " has " + std::to_string(b.values.rows()) +
                             "; both sides must describe the same stimuli");
    }
}

void applyNanPolicy(std::vector<LoadedRepresentation*> inputs, NanPolicy policy) {
    if (policy == NanPolicy::Error) {
        for (const auto* in : inputs) requireFinite(in->values, in->name, in->labels);
        return;
    }
    if (inputs.empty()) return;
    const auto n = static_cast<std::size_t>(inputs.front()->values.rows());
    std::vector<char> keep(n, 1);
    for (const auto* in : inputs) {
        for (Eigen::Index i = 0; i < in->values.rows() && static_cast<std::size_t>(i) < n; ++i) {
            if (!in->values.row(i).allFinite()) keep[static_cast<std::size_t>(i)] = 0;
        }
    }
    std::vector<Eigen::Index> rows;
    for (std::size_t i = 0; i < n; ++i) {
        if (keep[i]) rows.push_back(static_cast<Eigen::Index>(i));
    }
    if (rows.size() == n) return;
    if (rows.size() < 4) {
        throw FormatError("after dropping stimuli with NaN/Inf values only " +
                          std::to_string(rows.size()) + " remain, too few to compare");
    }
    std::cerr << "dropped " << (n - rows.size()) << " of " << n
              << " stimuli that have NaN/Inf values\n";
    for (auto* in : inputs) {
        const bool isRdm = in->representation->info().kind == RepresentationKind::Rdm;
        MatrixF kept(static_cast<Eigen::Index>(rows.size()),
                     isRdm ? static_cast<Eigen::Index>(rows.size()) : in->values.cols());
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const auto rr = static_cast<Eigen::Index>(r);
            if (isRdm) {
                for (std::size_t c = 0; c < rows.size(); ++c) {
                    kept(rr, static_cast<Eigen::Index>(c)) = in->values(rows[r], rows[c]);
                }
            } else {
                kept.row(rr) = in->values.row(rows[r]);
            }
        }
        in->values = std::move(kept);
        std::vector<std::string> labels;
        for (const auto r : rows) labels.push_back(in->labels.at(static_cast<std::size_t>(r)));
        in->labels = std::move(labels);
    }
}

}  // namespace repscope::cli
