#pragma once
// Checks on exported pictures shared by the views and app tests (Qt Gui; header only): pixel
// statistics of an image, the structure of an SVG document, and rendering a PDF with pdftoppm.
#include <QByteArray>
#include <QColor>
#include <QTemporaryDir>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QString>
#include <QXmlStreamReader>
#include <array>
#include <cstdint>
#include <cstdlib>

namespace repscope::test {

// Distinct opaque colours of an image.
inline int distinctColours(const QImage& image) {
    QSet<QRgb> seen;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) seen.insert(line[x] & 0xffffffU);
    }
    return static_cast<int>(seen.size());
}

// Pixels within `tolerance` (per channel, 0–255) of a colour.
inline int pixelsNear(const QImage& image, const std::array<std::uint8_t, 3>& colour, int tolerance) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    int count = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            const QRgb p = line[x];
            if (std::abs(qRed(p) - colour[0]) <= tolerance && std::abs(qGreen(p) - colour[1]) <= tolerance &&
                std::abs(qBlue(p) - colour[2]) <= tolerance) {
                ++count;
            }
        }
    }
    return count;
}

// Fraction of pixels that are not white.
inline double inkFraction(const QImage& image) {
    const int white = pixelsNear(image, {255, 255, 255}, 3);
    return 1.0 - static_cast<double>(white) / (static_cast<double>(image.width()) * image.height());
}

struct SvgSummary {
    bool wellFormed = false;
    QString error;
    QString root;
    int images = 0;
    int texts = 0;
    QString allText;  // the character data of every <text>
};

inline SvgSummary summariseSvg(const QByteArray& bytes) {
    SvgSummary s;
    QXmlStreamReader xml(bytes);
    int textDepth = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (s.root.isEmpty()) s.root = xml.name().toString();
            if (xml.name() == QLatin1String("image")) ++s.images;
            if (xml.name() == QLatin1String("text")) {
                ++s.texts;
                ++textDepth;
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("text")) {
            --textDepth;
        } else if (xml.isCharacters() && textDepth > 0) {
            s.allText += xml.text().toString() + QLatin1Char(' ');
        }
    }
    s.wellFormed = !xml.hasError();
    s.error = xml.errorString();
    return s;
}

// Renders the first page of a PDF with pdftoppm at `dpi`; a null image when that fails.
inline QImage renderPdfPage(const QString& pdf, int dpi = 72) {
    const QTemporaryDir dir;
    const QString prefix = dir.filePath(QStringLiteral("page"));
    QProcess p;
    p.start(QStringLiteral("pdftoppm"),
            {QStringLiteral("-png"), QStringLiteral("-singlefile"), QStringLiteral("-r"),
             QString::number(dpi), pdf, prefix});
    if (!p.waitForFinished(120000) || p.exitCode() != 0) return {};
    return QImage(prefix + QStringLiteral(".png"));
}

}  // namespace repscope::test
