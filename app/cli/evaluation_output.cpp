#include "cli/evaluation_output.h"

#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/json_writer.h"
#include "repscope/text.h"

namespace repscope::cli {

namespace {

std::string number(double v) {
    if (!std::isfinite(v)) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

}  // namespace

void printEvaluation(const alignment::CollectionEvaluation& evaluated,
                     const alignment::EvaluationOptions& options, metrics::RdmMeasure measure,
                     bool json) {
    const std::string& targetName = evaluated.target;
    const std::size_t n = evaluated.n;
    const alignment::Evaluation& result = evaluated.result;
    std::vector<RepresentationInfo> modelInfo;
    for (const CollectionEntry& e : evaluated.models) modelInfo.push_back(e.representation->info());

    const std::string comparator(alignment::comparatorName(options.comparator));

    if (json) {
        JsonWriter w(std::cout);
        w.beginObject();
        w.key("target").value(targetName);
        w.key("comparator").value(comparator);
        w.key("subjects").value(static_cast<std::uint64_t>(evaluated.subjects.size()));
        w.key("subject_names").beginArray();
        for (const auto& s : evaluated.subjects) w.value(s);
        w.endArray();
        w.key("n").value(static_cast<std::uint64_t>(n));
        w.key("rdm_measure").value(metrics::rdmMeasureName(measure));
        w.key("noise_ceiling");
        if (result.noiseCeiling) {
            w.beginObject();
            w.key("lower").value(result.noiseCeiling->lower);
            w.key("upper").value(result.noiseCeiling->upper);
            w.endObject();
        } else {
            w.null();
        }
        w.key("models").beginArray();
        for (std::size_t m = 0; m < result.models.size(); ++m) {
            const alignment::ModelScore& s = result.models[m];
            w.beginObject();
            w.key("file").value(modelInfo[m].file);
            w.key("path").value(modelInfo[m].path);
            w.key("per_subject").beginArray();
            for (const double v : s.perSubject) w.value(v);
            w.endArray();
            w.key("mean").value(s.mean);
            w.key("sem").value(s.sem);
            w.key("t").value(s.test.t);
            w.key("p").value(s.test.p);
            w.key("p_fdr").value(s.pFdr);
            if (s.ci95) {
                w.key("ci95").beginArray().value(s.ci95->lo).value(s.ci95->hi).endArray();
            }
            w.endObject();
        }
        w.endArray();
        w.key("pairwise").beginArray();
        for (const alignment::ModelPair& p : result.pairwise) {
            w.beginObject();
            w.key("a").value(evaluated.modelNames[p.a]);
            w.key("b").value(evaluated.modelNames[p.b]);
            w.key("t").value(p.test.t);
            w.key("p").value(p.test.p);
            w.key("p_fdr").value(p.pFdr);
            w.endObject();
        }
        w.endArray();
        w.endObject();
        std::cout << "\n";
        return;
    }
    std::cout << "target " << printable(targetName) << ": " << evaluated.subjects.size()
              << " subjects, " << n << " stimuli; comparator " << comparator << "\n";
    if (result.noiseCeiling) {
        std::cout << "noise ceiling: lower " << number(result.noiseCeiling->lower) << ", upper "
                  << number(result.noiseCeiling->upper) << "\n";
    } else {
        std::cout << "noise ceiling: none (one subject)\n";
    }
    std::cout << "mean\tsem\tt\tp\tp_fdr" << (options.bootstrap > 0 ? "\tci95" : "")
              << "\tmodel\n";
    for (std::size_t m = 0; m < result.models.size(); ++m) {
        const alignment::ModelScore& s = result.models[m];
        std::cout << number(s.mean) << "\t" << number(s.sem) << "\t" << number(s.test.t) << "\t"
                  << number(s.test.p) << "\t" << number(s.pFdr);
        if (s.ci95) std::cout << "\t[" << number(s.ci95->lo) << ", " << number(s.ci95->hi) << "]";
        std::cout << "\t" << printable(evaluated.modelNames[m]) << "\n";
    }
    if (!result.pairwise.empty()) std::cout << "(--json lists the paired t tests between models)\n";
}

}  // namespace repscope::cli
