#include "report_html.h"

#include <QBuffer>
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report_figures.h"
#include "repscope/text.h"

namespace repscope::report {
namespace {

// Every text from a file or from the user goes through here.
QString esc(const std::string& text) { return QString::fromStdString(printable(text)).toHtmlEscaped(); }
QString esc(const QString& text) { return text.toHtmlEscaped(); }

QString number(double value, int decimals = 3) {
    if (!std::isfinite(value)) return QStringLiteral("—");
    return QString::number(value, 'f', decimals);
}

QString bytesText(std::uint64_t bytes) {
    const double b = static_cast<double>(bytes);
    if (bytes < 1024) return QStringLiteral("%1 B").arg(bytes);
    if (bytes < 1024 * 1024) return QStringLiteral("%1 KiB").arg(b / 1024.0, 0, 'f', 1);
    if (bytes < 1024ULL * 1024 * 1024) return QStringLiteral("%1 MiB").arg(b / 1048576.0, 0, 'f', 1);
    return QStringLiteral("%1 GiB").arg(b / 1073741824.0, 0, 'f', 2);
}

// The style sheet: inline, no web fonts, no external anything. QTextDocument (the PDF) reads the
// subset it knows and ignores the rest.
const char* const kStyle =
    "body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #1a1a1a;"
    " max-width: 1120px; margin: 24px auto; padding: 0 16px; line-height: 1.4; }\n"
    "h1 { font-size: 18pt; margin-bottom: 4px; }\n"
    "h2 { font-size: 14pt; margin-top: 28px; border-bottom: 1px solid #bbbbbb; }\n"
    "h3 { font-size: 11pt; margin-top: 18px; }\n"
    "p.meta { color: #555555; margin-top: 0; }\n"
    "table { border-collapse: collapse; margin: 6px 0 12px 0; }\n"
    "th, td { border: 1px solid #c8c8c8; padding: 3px 6px; text-align: left; vertical-align: top; }\n"
    "th { background-color: #eef0f3; }\n"
    "td.num { text-align: right; font-family: 'DejaVu Sans Mono', monospace; }\n"
    "table.values td { font-size: 8pt; }\n"
    "code, .mono { font-family: 'DejaVu Sans Mono', monospace; font-size: 9pt; }\n"
    "div.scroll { overflow-x: auto; }\n"
    "div.figure { margin: 8px 0 14px 0; }\n"
    "p.caption { color: #444444; font-size: 9pt; margin-top: 2px; }\n"
    "p.note { color: #8a4b00; }\n"
    "table.figures td { border: none; padding: 0 8px 0 0; }\n"
    "dl dt { font-weight: bold; margin-top: 10px; }\n"
    "dl dd { margin-left: 18px; }\n";

class Writer {
public:
    explicit Writer(ImageEmbedding embedding) : embedding_(embedding) {}

    void raw(const QString& text) { html_ += text; }
    void line(const QString& text) { html_ += text + QLatin1Char('\n'); }

    // A figure (image and caption), `maxWidth` CSS pixels wide at most.
    void figure(const ReportFigure& f, int maxWidth) {
        line(QStringLiteral("<div class=\"figure\">"));
        if (f.image.isNull()) {
            line(QStringLiteral("<p class=\"note\">%1: no picture (%2).</p>").arg(esc(f.caption), esc(f.note)));
        } else {
            const int width = std::min(f.widthPx, maxWidth);
            const int height = static_cast<int>(std::lround(static_cast<double>(f.heightPx) * width / f.widthPx));
            line(QStringLiteral("<img src=\"%1\" width=\"%2\" height=\"%3\" alt=\"%4\"/>")
                     .arg(source(f.image), QString::number(width), QString::number(height), esc(f.caption)));
            line(QStringLiteral("<p class=\"caption\">%1</p>").arg(esc(f.caption)));
        }
        line(QStringLiteral("</div>"));
    }

    // A wide table scrolls sideways in a browser; QTextDocument (the PDF) would not size the
    // table to the page inside such a block, so there it stands alone.
    void beginScroll() {
        if (embedding_ == ImageEmbedding::DataUri) raw(QStringLiteral("<div class=\"scroll\">"));
    }
    void endScroll() {
        if (embedding_ == ImageEmbedding::DataUri) line(QStringLiteral("</div>"));
    }
    [[nodiscard]] bool paged() const { return embedding_ == ImageEmbedding::Resource; }

    HtmlDocument finish() { return {std::move(html_), std::move(resources_)}; }

private:
    QString source(const QImage& image) {
        if (embedding_ == ImageEmbedding::Resource) {
            const QString name = QStringLiteral("figure-%1.png").arg(resources_.size() + 1);
            resources_.emplace_back(name, image);
            return name;
        }
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        return QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
    }

    ImageEmbedding embedding_;
    QString html_;
    std::vector<std::pair<QString, QImage>> resources_;
};

const char* const kTable = "<table cellspacing=\"0\" cellpadding=\"4\" border=\"1\">";
const char* const kWideTable = "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"4\" border=\"1\">";

void summarySection(Writer& w, const Report& r) {
    w.line(QStringLiteral("<h2 id=\"summary\">Dataset summary</h2>"));
    w.line(QStringLiteral("<h3>Files</h3>"));
    w.line(QString::fromLatin1(kTable));
    w.line(QStringLiteral("<tr><th>File</th><th>Layout</th><th>Stimuli</th><th>Representations</th><th>Size</th></tr>"));
    for (const FileRow& f : r.files) {
        if (!f.linkedFrom.empty()) continue;
        w.line(QStringLiteral("<tr><td>%1</td><td>%2</td><td class=\"num\">%3</td><td class=\"num\">%4</td><td class=\"num\">%5</td></tr>")
                   .arg(esc(f.name), esc(f.layout), QString::number(f.stimuli), QString::number(f.representations),
                        bytesText(f.bytes)));
    }
    w.line(QStringLiteral("</table>"));
    for (const std::string& a : r.alignment) w.line(QStringLiteral("<p class=\"note\">%1</p>").arg(esc(a)));

    w.line(QStringLiteral("<h3>Stimuli</h3>"));
    QString labels;
    for (const std::string& l : r.sampleLabels) {
        labels += (labels.isEmpty() ? QString() : QStringLiteral(", ")) + QStringLiteral("<code>%1</code>").arg(esc(l));
    }
    w.line(QStringLiteral("<p>%1 stimuli (N), %2. %3 %4</p>")
               .arg(QString::number(r.stimuli),
                    r.labelled ? QStringLiteral("labelled") : QStringLiteral("without labels (numbered #0, #1, …)"),
                    r.stimuli > r.sampleLabels.size() ? QStringLiteral("First labels:") : QStringLiteral("Labels:"),
                    labels));
    if (!r.categories.empty()) {
        w.line(QString::fromLatin1(kTable));
        w.line(QStringLiteral("<tr><th>Column</th><th>Categories (stimuli)</th></tr>"));
        for (const CategorySummary& c : r.categories) {
            QString values;
            for (const auto& [name, count] : c.counts) {
                values += (values.isEmpty() ? QString() : QStringLiteral(", ")) +
                          QStringLiteral("%1 (%2)").arg(esc(name), QString::number(count));
            }
            w.line(QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(esc(c.name), values));
        }
        w.line(QStringLiteral("</table>"));
    }

    w.line(QStringLiteral("<h3>Representations</h3>"));
    w.beginScroll();
    w.line(QString::fromLatin1(kWideTable));
    w.line(QStringLiteral("<tr><th>File</th><th>Model</th><th>Layer</th><th>Path</th><th>N</th><th>D</th><th>dtype</th><th>Shape</th><th>Attributes</th></tr>"));
    for (const RepresentationRow& x : r.representations) {
        QString attributes;
        for (const auto& [key, value] : x.attributes) {
            attributes += (attributes.isEmpty() ? QString() : QStringLiteral("; ")) +
                          QStringLiteral("%1 = %2").arg(esc(key), esc(value));
        }
        w.line(QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td><code>%4</code></td><td class=\"num\">%5</td>"
                              "<td class=\"num\">%6</td><td>%7</td><td>%8</td><td>%9</td></tr>")
                   .arg(esc(x.file), esc(x.model), esc(x.layer) + (x.precomputedRdm ? QStringLiteral(" (precomputed RDM)") : QString()),
                        esc(x.path), QString::number(x.n), QString::number(x.d), esc(x.dtype), esc(x.shape),
                        attributes));
    }
    w.line(QStringLiteral("</table>"));
    w.endScroll();
}

void matrixSection(Writer& w, const Report& r, int maxWidth) {
    w.line(QStringLiteral("<h2 id=\"matrices\">Layer × layer matrices</h2>"));
    for (const MetricSection& s : r.metrics) {
        w.line(QStringLiteral("<h3 id=\"matrix-%1\">%1</h3>").arg(esc(s.metric->name)));
        w.line(QStringLiteral("<p>%1%2</p>")
                   .arg(esc(s.metric->description),
                        s.metric->isDistance ? QStringLiteral(" (a distance: 0 means identical)")
                                             : QStringLiteral(" (higher means more similar)")));
        for (const std::string& n : s.notes) w.line(QStringLiteral("<p class=\"note\">%1</p>").arg(esc(n)));
        if (s.labels.empty()) continue;
        w.figure(s.figure, maxWidth);
        // On paper a wide table must fit the page: numbered rows, the names listed above it.
        const bool numbered = w.paged();
        if (numbered) {
            QString names;
            for (std::size_t i = 0; i < s.labels.size(); ++i) {
                names += (i == 0 ? QString() : QStringLiteral(" · ")) +
                         QStringLiteral("%1 = %2").arg(QString::number(i + 1), esc(s.labels[i]));
            }
            w.line(QStringLiteral("<p class=\"caption\">%1</p>").arg(names));
        }
        w.beginScroll();
        w.line(QStringLiteral("<table class=\"values\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\">"));
        QString head = QStringLiteral("<tr><th></th>");
        for (std::size_t j = 0; j < s.labels.size(); ++j) head += QStringLiteral("<th>%1</th>").arg(j + 1);
        w.line(head + QStringLiteral("</tr>"));
        for (std::size_t i = 0; i < s.labels.size(); ++i) {
            QString row = numbered ? QStringLiteral("<tr><th>%1</th>").arg(i + 1)
                                   : QStringLiteral("<tr><th>%1. %2</th>").arg(i + 1).arg(esc(s.labels[i]));
            for (std::size_t j = 0; j < s.labels.size(); ++j) {
                const double v = s.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
                row += numbered ? QStringLiteral("<td class=\"num\" nowrap=\"nowrap\">%1</td>").arg(number(v, 2))
                                : QStringLiteral("<td class=\"num\">%1</td>").arg(number(v));
            }
            w.line(row + QStringLiteral("</tr>"));
        }
        w.line(QStringLiteral("</table>"));
        w.endScroll();
    }
}

void layerSection(Writer& w, const Report& r, int maxWidth) {
    w.line(QStringLiteral("<h2 id=\"layers\">RDMs and projections</h2>"));
    for (const LayerSection& s : r.layers) {
        w.line(QStringLiteral("<h3>%1</h3>").arg(esc(s.name)));
        // Side by side in a browser; one under the other on paper (QTextDocument reserves the
        // wrong height for images in table cells).
        if (w.paged()) {
            w.figure(s.rdm, maxWidth);
            w.figure(s.projection, maxWidth);
            continue;
        }
        w.line(QStringLiteral("<table class=\"figures\" cellspacing=\"0\" cellpadding=\"0\" border=\"0\"><tr><td>"));
        w.figure(s.rdm, maxWidth);
        w.line(QStringLiteral("</td><td>"));
        w.figure(s.projection, maxWidth);
        w.line(QStringLiteral("</td></tr></table>"));
    }
}

void alignmentSection(Writer& w, const Report& r, int maxWidth) {
    if (!r.evaluation) return;
    const AlignmentSection& a = *r.evaluation;
    w.line(QStringLiteral("<h2 id=\"alignment\">Alignment with %1</h2>").arg(esc(a.target)));
    w.line(QStringLiteral("<p>Every model representation's RDM (%1) compared with each of the %2 subjects' RDMs "
                          "over %3 stimuli by <b>%4</b>: %5. Missing pairs are left out subject by subject.</p>")
               .arg(esc(a.rdmMeasure))
               .arg(a.subjects)
               .arg(a.stimuli)
               .arg(esc(a.comparator), esc(a.comparatorReference)));
    if (a.noiseCeiling) {
        w.line(QStringLiteral("<p>Noise ceiling: lower %1, upper %2. Each subject's RDM is normalised for the "
                              "comparator; the upper bound is the mean over subjects of the comparator between a "
                              "subject and the mean of all subjects, the lower bound the same with the mean of the "
                              "other subjects (rsatoolbox's boot_noise_ceiling).</p>")
                   .arg(number(a.noiseCeiling->first), number(a.noiseCeiling->second)));
    } else {
        w.line(QStringLiteral("<p class=\"note\">One subject: there is no noise ceiling and no test.</p>"));
    }
    w.figure(a.figure, maxWidth);
    const bool ci = std::any_of(a.rows.begin(), a.rows.end(), [](const AlignmentRow& x) { return x.ci95.has_value(); });
    w.beginScroll();
    w.line(QStringLiteral("<table class=\"values\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\">"));
    w.line(QStringLiteral("<tr><th>model</th><th>mean</th><th>SEM</th><th>t</th><th>p (one-sided)</th>"
                          "<th>FDR q</th>%1</tr>").arg(ci ? QStringLiteral("<th>95 % CI</th>") : QString()));
    for (const AlignmentRow& x : a.rows) {
        QString row = QStringLiteral("<tr><th>%1</th>").arg(esc(x.name));
        for (const double v : {x.mean, x.sem, x.t, x.p, x.q}) {
            row += QStringLiteral("<td class=\"num\">%1</td>").arg(number(v, 4));
        }
        if (ci) {
            row += QStringLiteral("<td class=\"num\">%1</td>")
                       .arg(x.ci95 ? QStringLiteral("[%1, %2]").arg(number(x.ci95->first, 4), number(x.ci95->second, 4))
                                   : QStringLiteral("–"));
        }
        w.line(row + QStringLiteral("</tr>"));
    }
    w.line(QStringLiteral("</table>"));
    w.endScroll();
    w.line(QStringLiteral("<p class=\"note\">p: one-sample t test over subjects of mean &gt; 0; q: "
                          "Benjamini–Hochberg across the models.</p>"));
}

void embeddingSection(Writer& w, const Report& r, int maxWidth) {
    if (!r.embedding) return;
    const EmbeddingSection& e = *r.embedding;
    w.line(QStringLiteral("<h2 id=\"embedding\">Embedding checks: %1 → %2</h2>").arg(esc(e.oldName), esc(e.newName)));
    w.line(QStringLiteral("<p>Leave-one-out cosine retrieval: every stimulus with a %1 is a query once, its gallery "
                          "every other stimulus, relevant when it has the same %1; M(q, g) embeds queries with q and "
                          "the gallery with g. Compatible: M(new, old) ≥ M(old, old). Gain: (M(new, old) − M(old, "
                          "old)) / (M(new, new) − M(old, old)). Aligned rows: an orthogonal map new → old learned "
                          "on the even-indexed stimuli, scored on the odd ones (Shen et al. 2020).</p>")
               .arg(esc(e.labels.empty() ? std::string("category") : e.labels)));
    for (const std::string& n : e.notes) w.line(QStringLiteral("<p class=\"note\">%1</p>").arg(esc(n)));
    if (!e.rows.empty()) {
        w.line(QStringLiteral("<table class=\"values\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\">"));
        w.line(QStringLiteral("<tr><th>measure</th><th>old·old</th><th>new·new</th><th>new·old</th>"
                              "<th>compatible</th><th>gain</th></tr>"));
        for (const CompatRow& x : e.rows) {
            w.line(QStringLiteral("<tr><th>%1</th><td class=\"num\">%2</td><td class=\"num\">%3</td>"
                                  "<td class=\"num\">%4</td><td>%5</td><td class=\"num\">%6</td></tr>")
                       .arg(esc(x.measure), number(x.oldOld, 4), number(x.newNew, 4), number(x.newOld, 4),
                            x.compatible ? QStringLiteral("yes") : QStringLiteral("no"), number(x.gain, 4)));
        }
        w.line(QStringLiteral("</table>"));
    }
    w.figure(e.prefix, maxWidth);
    w.figure(e.spectrum, maxWidth);
}

void pairTable(Writer& w, const QString& title, const std::vector<SimilarPair>& pairs) {
    w.line(QStringLiteral("<p><b>%1</b></p>").arg(title));
    if (pairs.empty()) {
        w.line(QStringLiteral("<p class=\"note\">No pair has a defined value.</p>"));
        return;
    }
    w.line(QString::fromLatin1(kTable));
    w.line(QStringLiteral("<tr><th>#</th><th>Representation</th><th>Representation</th><th>Value</th></tr>"));
    for (std::size_t k = 0; k < pairs.size(); ++k) {
        w.line(QStringLiteral("<tr><td class=\"num\">%1</td><td>%2</td><td>%3</td><td class=\"num\">%4</td></tr>")
                   .arg(QString::number(k + 1), esc(pairs[k].a), esc(pairs[k].b), number(pairs[k].value, 4)));
    }
    w.line(QStringLiteral("</table>"));
}

void pairsSection(Writer& w, const Report& r) {
    w.line(QStringLiteral("<h2 id=\"pairs\">Most and least similar pairs</h2>"));
    for (const MetricSection& s : r.metrics) {
        w.line(QStringLiteral("<h3>%1</h3>").arg(esc(s.metric->name)));
        pairTable(w, QStringLiteral("Most similar"), s.most);
        pairTable(w, QStringLiteral("Least similar"), s.least);
    }
}

void parametersSection(Writer& w, const Report& r) {
    w.line(QStringLiteral("<h2 id=\"parameters\">Parameters</h2>"));
    w.line(QString::fromLatin1(kTable));
    for (const auto& [name, value] : r.parameters) {
        w.line(QStringLiteral("<tr><th>%1</th><td>%2</td></tr>").arg(esc(name), esc(value)));
    }
    w.line(QStringLiteral("</table>"));
}

void definitionsSection(Writer& w, const Report& r) {
    w.line(QStringLiteral("<h2 id=\"definitions\">Metric definitions</h2>"));
    w.line(QStringLiteral("<dl>"));
    for (const MetricSection& s : r.metrics) {
        const metrics::MetricInfo& m = *s.metric;
        w.line(QStringLiteral("<dt>%1</dt>").arg(esc(m.name)));
        w.line(QStringLiteral("<dd>%1</dd>").arg(esc(m.description)));
        w.line(QStringLiteral("<dd>Invariant to: %1</dd>").arg(esc(m.invariantTo)));
        w.line(QStringLiteral("<dd>Inputs: %1</dd>").arg(esc(m.inputs)));
        w.line(QStringLiteral("<dd>Range: %1 to %2%3</dd>")
                   .arg(number(m.lowest, 1), number(m.highest, 1),
                        m.isDistance ? QStringLiteral(", a distance (0 = identical)") : QString()));
        QString params;
        for (const metrics::ParamSpec& p : m.params) {
            params += (params.isEmpty() ? QString() : QStringLiteral("; ")) +
                      QStringLiteral("<code>--%1</code> = %2 (%3)")
                          .arg(esc(p.name), p.defaultValue.empty() ? QStringLiteral("off") : esc(p.defaultValue),
                               esc(p.description));
        }
        if (!params.isEmpty()) w.line(QStringLiteral("<dd>Parameters (defaults used): %1</dd>").arg(params));
        w.line(QStringLiteral("<dd>Reference: %1</dd>").arg(esc(m.reference)));
    }
    w.line(QStringLiteral("</dl>"));
}

void provenanceSection(Writer& w, const Report& r) {
    const Provenance& p = r.provenance;
    w.line(QStringLiteral("<h2 id=\"provenance\">Provenance</h2>"));
    w.beginScroll();
    w.line(QString::fromLatin1(kWideTable));
    w.line(QStringLiteral("<tr><th>File</th><th>Path</th><th>Bytes</th><th>SHA-256</th></tr>"));
    for (const FileRow& f : r.files) {
        w.line(QStringLiteral("<tr><td>%1</td><td><code>%2</code></td><td class=\"num\">%3</td><td><code class=\"sha256\">%4</code></td></tr>")
                   .arg(f.linkedFrom.empty() ? esc(f.name)
                                             : esc(f.name) + QStringLiteral(" (read through a link in ") +
                                                   esc(f.linkedFrom) + QStringLiteral(")"),
                        esc(f.path), QString::number(f.bytes), esc(f.sha256)));
    }
    w.line(QStringLiteral("</table>"));
    w.endScroll();
    w.line(QString::fromLatin1(kTable));
    const std::pair<const char*, std::string> rows[] = {
        {"RepScope", p.version},
        {"Linear algebra", p.linearAlgebra},
        {"Qt", p.qtVersion},
        {"Generated (UTC)", p.generatedUtc},
        {"Host", p.host},
        {"Operating system", p.os},
        {"CPU", p.cpu},
        {"Cores", std::to_string(p.cores)},
    };
    for (const auto& [name, value] : rows) {
        w.line(QStringLiteral("<tr><th>%1</th><td>%2</td></tr>").arg(QString::fromLatin1(name), esc(value)));
    }
    w.line(QStringLiteral("</table>"));
}

}  // namespace

HtmlDocument reportHtml(const Report& r, ImageEmbedding embedding) {
    // The PDF's page is about 680 CSS pixels wide: figures shrink to fit it.
    const bool paged = embedding == ImageEmbedding::Resource;
    const int matrixWidth = paged ? 520 : kMatrixFigureWidth;
    const int layerWidth = paged ? 440 : kLayerFigureWidth;
    Writer w(embedding);
    w.line(QStringLiteral("<!DOCTYPE html>"));
    w.line(QStringLiteral("<html lang=\"en\">"));
    w.line(QStringLiteral("<head>"));
    w.line(QStringLiteral("<meta charset=\"utf-8\"/>"));
    w.line(QStringLiteral("<title>%1</title>").arg(esc(r.title)));
    // Images scale down in a narrow browser window; QTextDocument lays out max-width/height:auto
    // images with room below them, so the PDF does without.
    const QString imageStyle = paged ? QString() : QStringLiteral("img { max-width: 100%; height: auto; }\n");
    w.line(QStringLiteral("<style>\n%1%2</style>").arg(QString::fromLatin1(kStyle), imageStyle));
    w.line(QStringLiteral("</head>"));
    w.line(QStringLiteral("<body>"));
    w.line(QStringLiteral("<h1>%1</h1>").arg(esc(r.title)));
    w.line(QStringLiteral("<p class=\"meta\">Generated %1 (UTC) by RepScope %2 on %3.</p>")
               .arg(esc(r.provenance.generatedUtc), esc(r.provenance.version), esc(r.provenance.host)));
    if (!paged) {
        w.line(QStringLiteral("<p class=\"meta\"><a href=\"#summary\">Dataset summary</a> · "
                              "<a href=\"#matrices\">Layer matrices</a> · <a href=\"#layers\">RDMs and projections</a> · "
                              "%1<a href=\"#pairs\">Pairs</a> · <a href=\"#parameters\">Parameters</a> · "
                              "<a href=\"#definitions\">Metric definitions</a> · <a href=\"#provenance\">Provenance</a></p>")
                   .arg(r.evaluation ? QStringLiteral("<a href=\"#alignment\">Alignment</a> · ") : QString()));
    }
    summarySection(w, r);
    matrixSection(w, r, matrixWidth);
    layerSection(w, r, layerWidth);
    alignmentSection(w, r, matrixWidth);
    embeddingSection(w, r, layerWidth);
    pairsSection(w, r);
    parametersSection(w, r);
    definitionsSection(w, r);
    provenanceSection(w, r);
    w.line(QStringLiteral("</body>"));
    w.line(QStringLiteral("</html>"));
    return w.finish();
}

}  // namespace repscope::report
