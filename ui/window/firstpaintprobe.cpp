#include "ui/window/firstpaintprobe.h"

#include <QApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>

#include <chrono>
#include <cstdio>

namespace quorum {

namespace {

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

FirstPaintProbe::FirstPaintProbe(QWidget *target)
    : QObject(target)
{
    bool ok = false;
    m_launchNs = qEnvironmentVariable("QUORUM_LAUNCH_NS").toLongLong(&ok);
    if (!ok || m_launchNs <= 0)
        m_launchNs = nowNs();
    // Paint events go to the widgets that draw (a chart view's viewport, say), not to their containers:
    // watch the whole application for a paint of the target or anything inside it.
    m_target = target;
    qApp->installEventFilter(this);
}

double FirstPaintProbe::elapsedMilliseconds() const
{
    return double(nowNs() - m_launchNs) / 1e6;
}

bool FirstPaintProbe::eventFilter(QObject *watched, QEvent *event)
{
    auto *widget = qobject_cast<QWidget *>(watched);
    if (event->type() == QEvent::Paint && !m_seen && widget && (widget == m_target || m_target->isAncestorOf(widget))) {
        m_seen = true;
        // Report once this paint (and the rest of the window painted with it) has been flushed: the next
        // turn of the event loop.
        QTimer::singleShot(0, this, [this] {
            std::fprintf(stderr, "first-paint-ms %.1f\n", elapsedMilliseconds());
            std::fflush(stderr);
            QApplication::quit();
        });
    }
    return QObject::eventFilter(watched, event);
}

} // namespace quorum
