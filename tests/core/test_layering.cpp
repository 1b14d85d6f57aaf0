// core/ stays a plain C++ library: no Qt, VTK or OpenGL header may appear under it.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

#include "test_support.h"

class TestLayering : public QObject {
    Q_OBJECT
private slots:
    void coreIncludesNoGuiHeaders() {
        // "\\x23" is '#': spelled out so that moc does not read the pattern as a directive.
        const QRegularExpression forbidden(
            QStringLiteral("^\\s*\\x23\\s*include\\s*[<\"](Q[A-Za-z]+|Qt[A-Za-z]+/|qopengl|vtk|GL/|"
                           "GLES|epoxy)"),
            QRegularExpression::MultilineOption);
        QDirIterator it(repscope::test::sourceDir() + QStringLiteral("/core"),
                        {QStringLiteral("*.h"), QStringLiteral("*.cpp"), QStringLiteral("*.hpp")},
                        QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            const auto m = forbidden.match(text);
            QVERIFY2(!m.hasMatch(), qPrintable(f.fileName() + ": " + m.captured(0)));
            ++files;
        }
        QVERIFY2(files > 10, "the core sources were found");
    }
};

QTEST_APPLESS_MAIN(TestLayering)
#include "test_layering.moc"
