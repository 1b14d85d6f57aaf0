#pragma once
// A report (report_content.h) as one HTML document. Every text that comes from a file (file,
// model, layer and stimulus names, categories, attributes) is escaped; there are no scripts and
// no external references. For the browser the images are inline data: URIs; for the PDF
// (QTextDocument) they are named resources handed over with the document.
#include <QImage>
#include <QString>
#include <utility>
#include <vector>

#include "report_content.h"

namespace repscope::report {

enum class ImageEmbedding {
    DataUri,   // <img src="data:image/png;base64,...">: one self-contained file
    Resource,  // <img src="figure-3.png">, the image in `resources` under that name
};

struct HtmlDocument {
    QString html;
    std::vector<std::pair<QString, QImage>> resources;  // Resource embedding only
};

[[nodiscard]] HtmlDocument reportHtml(const Report& report, ImageEmbedding embedding);

}  // namespace repscope::report
