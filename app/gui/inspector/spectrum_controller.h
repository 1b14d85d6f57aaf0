#pragma once
// Keeps the Inspector's "Spectrum of A" on focus A: while the Inspector is shown, the spectrum of
// focus A's features (embedding_checks::computeSpectrum, with every categorical column's R²) is
// computed as a TaskRunner task; a newer focus cancels the older task; the same representation
// is not computed twice in a row. A precomputed RDM has no features: the section says so.
#include <QObject>
#include <QPointer>
#include <memory>

#include "gui/tasks/task_runner.h"
#include "repscope/representation.h"

namespace repscope::gui {

class AnalysisController;
class SpectrumSection;

class SpectrumController : public QObject {
    Q_OBJECT
public:
    SpectrumController(TaskRunner* tasks, AnalysisController* analysis, SpectrumSection* section, QObject* parent);
    ~SpectrumController() override;
    SpectrumController(const SpectrumController&) = delete;
    SpectrumController& operator=(const SpectrumController&) = delete;

    // Work only while the Inspector is shown.
    void setActive(bool active);
    [[nodiscard]] bool isComputing() const { return task_ != 0; }

signals:
    void spectrumShown();

private:
    void request();

    QPointer<TaskRunner> tasks_;
    AnalysisController* analysis_;
    SpectrumSection* section_;
    bool active_ = false;
    RepresentationPtr wanted_;  // computed or being computed
    int wantedPrefix_ = 0;      // with this prefix of it (0: all of it)
    TaskRunner::TaskId task_ = 0;
    quint64 request_ = 0;
};

}  // namespace repscope::gui
