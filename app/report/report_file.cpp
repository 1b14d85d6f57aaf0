#include "report_file.h"

#include <QAbstractTextDocumentLayout>
#include <QColor>
#include <QFont>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

#include "report_html.h"
#include "repscope/error.h"

namespace repscope::report {
namespace {

constexpr int kPdfResolution = 300;
// Width of the laid-out page in CSS pixels (A4 less 15 mm margins is about 680 at 96 dpi).
constexpr double kPageWidthCss = 680.0;

// The document laid out on A4 pages (QTextDocument understands the HTML subset the writer uses).
// The pages are painted here rather than by QTextDocument::print, which reserves the wrong
// height for images when it rescales the layout to the printer's resolution.
void printPdf(const Report& report, QIODevice& device) {
    const HtmlDocument html = reportHtml(report, ImageEmbedding::Resource);
    QTextDocument document;
    for (const auto& [name, image] : html.resources) {
        document.addResource(QTextDocument::ImageResource, QUrl(name), image);
    }
    document.setHtml(html.html);
    QPdfWriter pdf(&device);
    pdf.setTitle(QString::fromStdString(report.title));
    pdf.setCreator(QStringLiteral("RepScope ") + QString::fromStdString(report.provenance.version));
    pdf.setResolution(kPdfResolution);
    pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                  QMarginsF(15, 15, 15, 18), QPageLayout::Millimeter));
    const QRectF paint = pdf.pageLayout().paintRectPixels(kPdfResolution);
    const double scale = paint.width() / kPageWidthCss;
    const QSizeF page(kPageWidthCss, paint.height() / scale);
    document.setPageSize(page);
    const int pages = document.pageCount();
    QPainter painter(&pdf);
    QFont footer = painter.font();
    footer.setPointSizeF(8.0);
    for (int k = 0; k < pages; ++k) {
        if (k > 0) pdf.newPage();
        painter.save();
        painter.scale(scale, scale);
        painter.translate(0.0, -page.height() * k);
        document.drawContents(&painter, QRectF(QPointF(0.0, page.height() * k), page));
        painter.restore();
        painter.setFont(footer);
        painter.setPen(QColor(110, 110, 110));
        const QRectF below(0.0, paint.height(), paint.width(), 6.0 * kPdfResolution / 25.4);
        painter.drawText(below, Qt::AlignRight | Qt::AlignBottom, QStringLiteral("%1 / %2").arg(k + 1).arg(pages));
    }
    if (!painter.end()) throw FileError("cannot write the PDF pages");
}

}  // namespace

std::optional<ReportFormat> reportFormatOf(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) return ReportFormat::Html;
    if (suffix == QLatin1String("pdf")) return ReportFormat::Pdf;
    return std::nullopt;
}

void writeReport(const Report& report, const QString& path) {
    const std::optional<ReportFormat> format = reportFormatOf(path);
    const std::string name = path.toStdString();
    if (!format) throw InputError("the report must end in .html or .pdf, not '" + name + "'");
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        throw FileError("cannot write " + name + ": " + file.errorString().toStdString());
    }
    if (*format == ReportFormat::Html) {
        const QByteArray bytes = reportHtml(report, ImageEmbedding::DataUri).html.toUtf8();
        if (file.write(bytes) != bytes.size()) {
            file.cancelWriting();
            throw FileError("cannot write " + name + ": " + file.errorString().toStdString());
        }
    } else {
        printPdf(report, file);
    }
    if (!file.commit()) throw FileError("cannot write " + name + ": " + file.errorString().toStdString());
}

}  // namespace repscope::report
