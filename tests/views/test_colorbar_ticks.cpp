// The colorbar's ticks (one function for figures and the on-screen heatmap): round values inside
// the scale, never closer on the bar than a label's height, so a short bar (a 2 × 2 layer matrix
// in a small panel) shows fewer labels instead of six piled on each other. Expectations come from
// the definition: a round step is 1, 2 or 5 × 10^k, and spacing in pixels = step / span × bar.
#include <QtTest>
#include <cmath>
#include <limits>
#include <random>

#include "../../views/src/figure_parts.h"

using namespace repscope::views;
using repscope::views::detail::colorbarTicks;
using repscope::views::detail::colorbarLabelStep;
using repscope::views::detail::tickStep;
using repscope::views::detail::tickText;

namespace {

ColorScale scaleOf(float low, float high) {
    ColorScale s;
    s.autoRange = false;
    s.low = low;
    s.high = high;
    return s;
}

bool isRoundStep(double step) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(step)));
    const double mantissa = step / magnitude;
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        if (std::abs(mantissa - m) < 1e-6) return true;
    }
    return false;
}

}  // namespace

class TestColorbarTicks : public QObject {
    Q_OBJECT

private slots:
    void aTallBarGetsTheRoundFifths() {
        const std::vector<double> ticks = colorbarTicks(scaleOf(0.0F, 1.0F), 300.0, 14.0);
        QCOMPARE(ticks.size(), std::size_t{6});
        for (std::size_t i = 0; i < ticks.size(); ++i) QVERIFY(std::abs(ticks[i] - 0.2 * static_cast<double>(i)) < 1e-9);
    }

    // The layer matrix of two layers in a small panel: a 30 px bar with 14 px labels fits three
    // labels 15 px apart (0, 0.5, 1), not six 6 px apart.
    void aShortBarGetsFewerLabels() {
        const std::vector<double> ticks = colorbarTicks(scaleOf(0.0F, 1.0F), 30.0, 14.0);
        QCOMPARE(ticks, (std::vector<double>{0.0, 0.5, 1.0}));
        // Two labels fit in 20 px, not three.
        const std::vector<double> ends = colorbarTicks(scaleOf(0.0F, 1.0F), 20.0, 14.0);
        QCOMPARE(ends.size(), std::size_t{2});
        QCOMPARE(ends.front(), 0.0);
        QCOMPARE(ends.back(), 1.0);
        // Shorter than two labels: the top end alone.
        QCOMPARE(colorbarTicks(scaleOf(0.0F, 1.0F), 10.0, 14.0), std::vector<double>{1.0});
        // Ends that are not round keep the decimals that say them.
        const ColorScale odd = scaleOf(0.2857F, 1.9F);
        const std::vector<double> oddEnds = colorbarTicks(odd, 20.0, 14.0);
        QCOMPARE(oddEnds.size(), std::size_t{2});
        QCOMPARE(tickText(oddEnds.front(), colorbarLabelStep(oddEnds, odd)), QStringLiteral("0.29"));
        QCOMPARE(tickText(oddEnds.back(), colorbarLabelStep(oddEnds, odd)), QStringLiteral("1.90"));
    }

    // Any scale, any bar: inside the scale, round (or the scale's ends), labels never overlapping,
    // at least two labels whenever two fit, and a taller bar never shows fewer.
    void labelsNeverOverlapOnAnyBar() {
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> exponent(-4.0, 5.0);
        std::uniform_real_distribution<double> unit(-1.0, 1.0);
        constexpr double kLabel = 14.0;
        for (int trial = 0; trial < 400; ++trial) {
            const double size = std::pow(10.0, exponent(rng));
            const auto low = static_cast<float>(unit(rng) * size);
            const auto high = static_cast<float>(low + size * (0.05 + std::abs(unit(rng))));
            if (!(high > low)) continue;
            const ColorScale s = scaleOf(low, high);
            const double span = static_cast<double>(s.high) - s.low;
            double previousStep = std::numeric_limits<double>::infinity();
            std::vector<double> last;
            for (double bar = 4.0; bar <= 2000.0; bar *= 1.3) {
                const std::vector<double> ticks = colorbarTicks(s, bar, kLabel);
                const QString where = QStringLiteral("[%1, %2], bar %3 px").arg(s.low).arg(s.high).arg(bar);
                QVERIFY2(!ticks.empty(), qPrintable(where));
                for (const double t : ticks) {
                    QVERIFY2(t >= s.low - span * 1e-9 && t <= s.high + span * 1e-9, qPrintable(where));
                }
                if (ticks.size() >= 2) {
                    const double step = tickStep(ticks);
                    QVERIFY2(step / span * bar >= kLabel - 1e-9, qPrintable(where));
                    const bool ends = ticks.size() == 2 && ticks[0] == static_cast<double>(s.low) &&
                                      ticks[1] == static_cast<double>(s.high);
                    QVERIFY2(ends || isRoundStep(step), qPrintable(where));
                    for (std::size_t i = 1; i < ticks.size(); ++i) {
                        QVERIFY2(std::abs(ticks[i] - ticks[i - 1] - step) < step * 1e-6, qPrintable(where));
                    }
                } else {
                    QVERIFY2(bar < kLabel && ticks.front() == static_cast<double>(s.high), qPrintable(where));
                }
                if (bar >= kLabel) QVERIFY2(ticks.size() >= 2, qPrintable(where));
                // Each label reads the value it marks: to a hundredth of the range (the ends of
                // [0.2857, 1.9] read 0.29 and 1.90, not 0 and 2), or to three digits where
                // tickText switches to exponents.
                for (const double t : ticks) {
                    QString label = tickText(t, colorbarLabelStep(ticks, s));
                    label.replace(QChar(0x2212), QLatin1Char('-'));
                    bool ok = false;
                    const double read = label.toDouble(&ok);
                    QVERIFY2(ok, qPrintable(where + QStringLiteral(": ") + label));
                    QVERIFY2(std::abs(read - t) <= std::max(span / 100.0, std::abs(t) * 5e-3),
                             qPrintable(where + QStringLiteral(": ") + label));
                }
                // A taller bar never spaces its ticks wider.
                const double step = ticks.size() >= 2 ? tickStep(ticks) : std::numeric_limits<double>::infinity();
                QVERIFY2(step <= previousStep * (1.0 + 1e-9), qPrintable(where));
                previousStep = step;
                last = ticks;
            }
            // A tall bar loses nothing: the ticks of a bar without a height limit.
            QCOMPARE(last, colorbarTicks(s, std::numeric_limits<double>::infinity(), 0.0));
        }
    }
};

QTEST_MAIN(TestColorbarTicks)
#include "test_colorbar_ticks.moc"
