// Noise ceilings and model evaluation (alignment.md) against numpy/scipy written from the
// contract (tests/fixtures/alignment_reference.py evaluation): per-subject values, mean, SEM,
// one-sided one-sample t, paired t, BH-FDR, lower/upper bounds, with missing pairs; plus
// analytic cases and the bootstrap's determinism.
#include <QtTest>
#include <chrono>
#include <cmath>
#include <random>

#include "alignment_test_support.h"
#include "repscope/alignment/evaluation.h"
#include "repscope/error.h"

using namespace repscope;
using namespace repscope::alignment;
using namespace repscope::test;

namespace {

NamedRdms rdmsFrom(const QJsonValue& v, const char* prefix) {
    NamedRdms out;
    const QJsonArray a = v.toArray();
    for (int k = 0; k < a.size(); ++k) {
        out.names.push_back(prefix + std::to_string(k));
        out.rdms.push_back(jsonVector(a[k]));
    }
    return out;
}

Eigen::VectorXd noisy(const Eigen::VectorXd& base, double scale, std::mt19937& gen) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Eigen::VectorXd v = base;
    for (Eigen::Index i = 0; i < v.size(); ++i) v(i) += scale * u(gen);
    return v;
}

}  // namespace

class TestAlignmentEvaluation : public QObject {
    Q_OBJECT
private slots:
    void matchesScipy_data() {
        QTest::addColumn<QString>("comparator");
        for (const Comparator c : allComparators()) {
            QTest::newRow(comparatorName(c).data()) << QString::fromLatin1(comparatorName(c).data());
        }
    }
    void matchesScipy() {
        QFETCH(QString, comparator);
        static const QJsonObject ref = alignmentReference("evaluation");
        const Comparator c = parseComparator(comparator.toStdString());
        const QJsonObject want = ref["comparators"].toObject()[comparator].toObject();
        const NamedRdms models = rdmsFrom(ref["models"], "model");
        const NamedRdms subjects = rdmsFrom(ref["subjects_holes"], "subject");
        EvaluationOptions options;
        options.comparator = c;
        const Evaluation e = evaluateModels(models, subjects, options);
        QVERIFY(e.noiseCeiling.has_value());
        QVERIFY2(near(e.noiseCeiling->lower, want["lower"].toDouble(), 1e-9),
                 qPrintable(QString::number(e.noiseCeiling->lower, 'g', 12)));
        QVERIFY2(near(e.noiseCeiling->upper, want["upper"].toDouble(), 1e-9),
                 qPrintable(QString::number(e.noiseCeiling->upper, 'g', 12)));
        QCOMPARE(e.models.size(), std::size_t{4});
        for (std::size_t m = 0; m < 4; ++m) {
            const auto mi = static_cast<int>(m);
            const std::vector<double> per = jsonDoubles(want["per_subject"].toArray()[mi]);
            for (std::size_t s = 0; s < per.size(); ++s) {
                QVERIFY(near(e.models[m].perSubject[s], per[s], 1e-9));
            }
            QVERIFY(near(e.models[m].mean, want["mean"].toArray()[mi].toDouble(), 1e-9));
            QVERIFY(near(e.models[m].sem, want["sem"].toArray()[mi].toDouble(), 1e-9));
            QVERIFY(near(e.models[m].test.t, want["t"].toArray()[mi].toDouble(), 1e-6));
            QVERIFY(near(e.models[m].test.p, want["p"].toArray()[mi].toDouble(), 1e-9));
            QVERIFY(near(e.models[m].pFdr, want["p_fdr"].toArray()[mi].toDouble(), 1e-9));
        }
        const QJsonArray pairs = want["pairwise"].toArray();
        QCOMPARE(e.pairwise.size(), static_cast<std::size_t>(pairs.size()));
        for (int k = 0; k < pairs.size(); ++k) {
            const QJsonArray p = pairs[k].toArray();
            const ModelPair& got = e.pairwise[static_cast<std::size_t>(k)];
            QCOMPARE(static_cast<int>(got.a), p[0].toInt());
            QCOMPARE(static_cast<int>(got.b), p[1].toInt());
            QVERIFY(near(got.test.t, p[2].toDouble(), 1e-6));
            QVERIFY(near(got.test.p, p[3].toDouble(), 1e-9));
            QVERIFY(near(got.pFdr, p[4].toDouble(), 1e-9));
        }
    }

    // Complete subjects take the ranked comparators' own path (ranks shared, the others' sum
    // ranked in reused buffers); every comparator against the definition.
    void completeSubjectsCeilingMatchesScipy() {
        const QJsonObject ref = alignmentReference("evaluation");
        const NamedRdms subjects = rdmsFrom(ref["subjects_full"], "s");
        for (const Comparator c : allComparators()) {
            const QJsonArray want = ref["full_ceilings"].toObject()[comparatorName(c).data()].toArray();
            const auto nc = noiseCeiling(subjects.rdms, c);
            QVERIFY(nc.has_value());
            QVERIFY2(near(nc->lower, want[0].toDouble(), 1e-9) && near(nc->upper, want[1].toDouble(), 1e-9),
                     qPrintable(QString("%1: %2 %3 against %4 %5")
                                    .arg(comparatorName(c).data())
                                    .arg(nc->lower, 0, 'g', 12)
                                    .arg(nc->upper, 0, 'g', 12)
                                    .arg(want[0].toDouble(), 0, 'g', 12)
                                    .arg(want[1].toDouble(), 0, 'g', 12)));
        }
    }

    void identicalSubjectsAndTheMeanModel() {
        std::mt19937 gen(8);
        const Eigen::VectorXd base = noisy(Eigen::VectorXd::Zero(45), 1.0, gen);
        NamedRdms same;
        for (int s = 0; s < 4; ++s) same.rdms.push_back(base);
        for (const Comparator c : {Comparator::Spearman, Comparator::Pearson, Comparator::RhoA,
                                   Comparator::CorrCov, Comparator::Cosine, Comparator::CosineCov}) {
            const auto nc = noiseCeiling(same.rdms, c);
            QVERIFY(nc && near(nc->lower, 1.0, 1e-12) && near(nc->upper, 1.0, 1e-12));
        }
        // A model equal to the mean of the z-scored subjects reaches the upper bound (pearson).
        NamedRdms subjects;
        for (int s = 0; s < 5; ++s) subjects.rdms.push_back(noisy(base, 0.8, gen));
        std::vector<Eigen::VectorXd> z;
        for (const auto& v : subjects.rdms) z.push_back(normaliseForComparator(v, Comparator::Pearson));
        NamedRdms model;
        model.rdms.push_back(meanOfPresent(z));
        model.rdms.push_back(noisy(base, 3.0, gen));
        EvaluationOptions o;
        o.comparator = Comparator::Pearson;
        const Evaluation e = evaluateModels(model, subjects, o);
        QVERIFY(near(e.models[0].mean, e.noiseCeiling->upper, 1e-12));
        QVERIFY(e.models[1].mean < e.noiseCeiling->lower);
        QVERIFY(e.noiseCeiling->lower < e.noiseCeiling->upper);
    }

    void oneSubjectHasNoCeilingButEvaluates() {
        std::mt19937 gen(9);
        NamedRdms subjects;
        subjects.rdms.push_back(noisy(Eigen::VectorXd::Zero(10), 1.0, gen));
        NamedRdms models;
        models.rdms.push_back(noisy(subjects.rdms[0], 0.5, gen));
        models.rdms.push_back(noisy(subjects.rdms[0], 2.0, gen));
        const Evaluation e = evaluateModels(models, subjects, {});
        QVERIFY(!e.noiseCeiling);
        QCOMPARE(e.models[0].perSubject.size(), std::size_t{1});
        QVERIFY(std::isnan(e.models[0].sem) && std::isnan(e.models[0].test.p));
        QCOMPARE(e.pairwise.size(), std::size_t{1});
    }

    void bootstrapIsSeededAndCoversTheMean() {
        const QJsonObject ref = alignmentReference("evaluation");
        const NamedRdms models = rdmsFrom(ref["models"], "model");
        const NamedRdms subjects = rdmsFrom(ref["subjects_holes"], "subject");
        EvaluationOptions o;
        o.comparator = Comparator::Spearman;
        o.bootstrap = 200;
        o.seed = 4;
        const Evaluation a = evaluateModels(models, subjects, o);
        const Evaluation b = evaluateModels(models, subjects, o);
        for (std::size_t m = 0; m < a.models.size(); ++m) {
            QVERIFY(a.models[m].ci95 && b.models[m].ci95);
            QCOMPARE(a.models[m].ci95->lo, b.models[m].ci95->lo);
            QVERIFY(a.models[m].ci95->lo <= a.models[m].mean && a.models[m].mean <= a.models[m].ci95->hi);
            // The subject bootstrap only averages per-subject values: inside their range.
            const auto [lo, hi] = std::minmax_element(a.models[m].perSubject.begin(),
                                                      a.models[m].perSubject.end());
            QVERIFY(*lo <= a.models[m].ci95->lo && a.models[m].ci95->hi <= *hi);
        }
        o.bootstrapStimuli = true;
        o.bootstrap = 50;
        const Evaluation s = evaluateModels(models, subjects, o);
        const Evaluation s2 = evaluateModels(models, subjects, o);
        for (std::size_t m = 0; m < s.models.size(); ++m) {
            QVERIFY(s.models[m].ci95 && s.models[m].ci95->used > 40);
            QCOMPARE(s.models[m].ci95->hi, s2.models[m].ci95->hi);
            QVERIFY(s.models[m].ci95->lo < s.models[m].ci95->hi);
        }
        o.comparator = Comparator::CosineCov;
        QVERIFY_THROWS_EXCEPTION(InputError, (void)evaluateModels(models, subjects, o));
    }

    void resamplingDropsSelfPairs() {
        // 4 stimuli, d(i,j) = 10 i + j; resample {0, 0, 2}: pairs (0,2), (0,2) — (0,0) dropped.
        Eigen::VectorXd v(6);
        v << 1, 2, 3, 12, 13, 23;
        const Eigen::VectorXd r = resampleCondensed(v, 4, {0, 0, 2});
        QCOMPARE(r.size(), Eigen::Index{2});
        QCOMPARE(r(0), 2.0);
        QCOMPARE(r(1), 2.0);
        const Eigen::VectorXd swapped = resampleCondensed(v, 4, {3, 1});
        QCOMPARE(swapped(0), 13.0);
    }

    void errorsNameModelAndSubject() {
        NamedRdms subjects{{"alice", "bob"}, {Eigen::VectorXd::LinSpaced(6, 1, 6),
                                              Eigen::VectorXd::LinSpaced(6, 2, 9)}};
        NamedRdms models{{"flat"}, {Eigen::VectorXd::Ones(6)}};
        try {
            (void)evaluateModels(models, subjects, {});
            QFAIL("a constant model RDM must be refused");
        } catch (const FormatError& e) {
            QVERIFY2(QString(e.what()).contains("flat against alice"), e.what());
        }
        NamedRdms small{{"m"}, {Eigen::VectorXd::Ones(3)}};
        QVERIFY_THROWS_EXCEPTION(AlignmentError, (void)evaluateModels(small, subjects, {}));
        QVERIFY_THROWS_EXCEPTION(InputError, (void)evaluateModels({}, subjects, {}));
    }

    void timingTwentySubjectsFiftyModels() {
        // S = 20, N = 92 (4,186 pairs), 50 models, spearman, with the noise ceiling.
        std::mt19937 gen(12);
        const Eigen::VectorXd base = noisy(Eigen::VectorXd::Zero(92 * 91 / 2), 1.0, gen);
        NamedRdms subjects;
        NamedRdms models;
        for (int s = 0; s < 20; ++s) subjects.rdms.push_back(noisy(base, 1.0, gen));
        for (int m = 0; m < 50; ++m) models.rdms.push_back(noisy(base, 0.1 * m + 0.1, gen));
        const auto t0 = std::chrono::steady_clock::now();
        const Evaluation e = evaluateModels(models, subjects, {});
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        qInfo("evaluate S=20, N=92, 50 models (spearman): %.1f ms", ms);
        QCOMPARE(e.pairwise.size(), std::size_t{50 * 49 / 2});
        QVERIFY(e.models[0].mean > e.models[49].mean);
    }
};

QTEST_APPLESS_MAIN(TestAlignmentEvaluation)
#include "test_alignment_evaluation.moc"
