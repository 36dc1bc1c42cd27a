#pragma once

#include <QObject>

class QWidget;

namespace quorum {

/**
 * Measures start-up for the benchmarks (tests/bench/run): when @p target has been painted for the first
 * time, prints "first-paint-ms N" to standard error, N being the milliseconds since the process was
 * launched, then quits the application. The launch time is QUORUM_LAUNCH_NS (nanoseconds since the epoch,
 * set by whoever starts the process, so the dynamic loading before main() counts too); without it, the
 * time since this probe was created. Used by `quorum` when QUORUM_FIRST_PAINT_PROBE is set, and by the
 * bare-window floor program the benchmark compares it with.
 */
class FirstPaintProbe : public QObject {
    Q_OBJECT
public:
    explicit FirstPaintProbe(QWidget *target);

    /** Milliseconds since launch (see the class comment). */
    double elapsedMilliseconds() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_target = nullptr;
    qint64 m_launchNs = 0;
    bool m_seen = false;
};

} // namespace quorum
