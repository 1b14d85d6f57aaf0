#include "repscope/views/collection_text.h"

#include <QFileInfo>
#include <QLocale>
#include <QStringList>
#include <algorithm>

#include "repscope/text.h"

namespace repscope::views {
namespace {

// At most this many categories are listed per column; the rest are summarised.
constexpr std::size_t kMaxCategoriesShown = 12;
// At most this many labels are shown as examples.
constexpr std::size_t kLabelExamples = 3;

QString plural(std::size_t n, const QString& one, const QString& many) {
    return formatCount(n) + QLatin1Char(' ') + (n == 1 ? one : many);
}

QString esc(const std::string& s) { return QString::fromStdString(printable(s)).toHtmlEscaped(); }

QString labelsHtml(const Stimuli& stimuli) {
    if (!stimuli.hasLabels()) {
        return QStringLiteral("<b>Labels:</b> none (stimuli are identified by their index)");
    }
    QStringList examples;
    const std::size_t n = stimuli.labels.size();
    for (std::size_t i = 0; i < std::min(n, kLabelExamples); ++i) examples << esc(stimuli.labels[i]);
    QString text = examples.join(QStringLiteral(", "));
    if (n > kLabelExamples) text += QStringLiteral(", … ") + esc(stimuli.labels.back());
    return QStringLiteral("<b>Labels:</b> ") + text;
}

QString columnHtml(const CategoryColumn& column) {
    const std::vector<std::size_t> counts = column.counts();
    QStringList parts;
    const std::size_t shown = std::min(column.categories.size(), kMaxCategoriesShown);
    for (std::size_t i = 0; i < shown; ++i) {
        const std::size_t count = i < counts.size() ? counts[i] : 0;
        parts << QStringLiteral("%1&nbsp;(%2)").arg(esc(column.categories[i]), formatCount(count));
    }
    if (column.categories.size() > shown) {
        parts << QStringLiteral("… %1 more").arg(formatCount(column.categories.size() - shown));
    }
    const auto missing = static_cast<std::size_t>(
        std::count_if(column.codes.begin(), column.codes.end(), [](std::int32_t c) { return c < 0; }));
    QString html = QStringLiteral("<li><b>%1</b> — %2: %3")
                       .arg(esc(column.name),
                            plural(column.categories.size(), QStringLiteral("value"),
                                   QStringLiteral("values")),
                            parts.join(QStringLiteral(", ")));
    if (missing > 0) html += QStringLiteral("; %1 missing").arg(formatCount(missing));
    return html + QStringLiteral("</li>");
}

QString thumbnailsHtml(const Thumbnails& thumbnails) {
    if (thumbnails.empty()) return QStringLiteral("<b>Thumbnails:</b> none");
    return QStringLiteral("<b>Thumbnails:</b> %1 × %2 pixels, %3")
        .arg(thumbnails.width)
        .arg(thumbnails.height)
        .arg(thumbnails.channels == 1 ? QStringLiteral("grey") : QStringLiteral("colour"));
}

}  // namespace

QString formatCount(std::size_t n) {
    static const QLocale english(QLocale::English, QLocale::UnitedStates);
    return english.toString(static_cast<qulonglong>(n));
}

QString storedShapeText(const std::vector<std::uint64_t>& shape) {
    QStringList dims;
    for (std::uint64_t d : shape) dims << formatCount(static_cast<std::size_t>(d));
    return dims.join(QStringLiteral(" × "));
}

QString shapeText(const RepresentationInfo& info) {
    return formatCount(info.n) + QStringLiteral(" × ") + formatCount(info.d);
}

QString fileNameOf(const std::string& path) {
    return QFileInfo(QString::fromStdString(path)).fileName();
}

QString collectionSummaryLine(const Collection& collection) {
    const std::size_t files = collection.files().size();
    if (files == 0) return {};
    std::size_t representations = 0;
    for (const DataFilePtr& f : collection.files()) representations += f->representations().size();
    return QStringList{plural(files, QStringLiteral("file"), QStringLiteral("files")),
                       plural(collection.stimulusCount(), QStringLiteral("stimulus"),
                              QStringLiteral("stimuli")),
                       plural(representations, QStringLiteral("representation"),
                              QStringLiteral("representations"))}
        .join(QStringLiteral(" · "));
}

QString stimulusMetadataHtml(const Collection& collection) {
    if (collection.files().empty()) return QStringLiteral("<i>No file open.</i>");
    const Stimuli& stimuli = collection.stimuli();
    QString html = QStringLiteral("<p><b>%1</b>")
                       .arg(plural(stimuli.count, QStringLiteral("stimulus"),
                                   QStringLiteral("stimuli")));
    if (collection.files().size() > 1) {
        html += QStringLiteral(" (aligned across %1 files)").arg(collection.files().size());
    }
    html += QStringLiteral("<br>") + labelsHtml(stimuli);
    html += QStringLiteral("<br>") + thumbnailsHtml(stimuli.thumbnails) + QStringLiteral("</p>");

    if (stimuli.columns.empty()) {
        html += QStringLiteral("<p><b>Categorical columns:</b> none</p>");
    } else {
        html += QStringLiteral("<p><b>Categorical columns:</b></p><ul>");
        for (const CategoryColumn& column : stimuli.columns) html += columnHtml(column);
        html += QStringLiteral("</ul>");
    }

    QStringList warnings;
    for (const DataFilePtr& f : collection.files()) {
        for (const std::string& w : f->warnings()) {
            warnings << QStringLiteral("<li>%1: %2</li>").arg(fileNameOf(f->path()).toHtmlEscaped(), esc(w));
        }
    }
    if (!warnings.isEmpty()) {
        html += QStringLiteral("<p><b>Skipped while reading:</b></p><ul>") + warnings.join(QString()) +
                QStringLiteral("</ul>");
    }
    if (!collection.alignmentReport().empty()) {
        html += QStringLiteral("<p><b>Alignment:</b></p><ul>");
        for (const std::string& line : collection.alignmentReport()) {
            html += QStringLiteral("<li>") + esc(line) + QStringLiteral("</li>");
        }
        html += QStringLiteral("</ul>");
    }
    return html;
}

}  // namespace repscope::views
