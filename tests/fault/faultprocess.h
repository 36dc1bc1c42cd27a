#pragma once
// Runs quorum_fault_helper (faulthelper.cpp) as the "other process" of a fault test and waits on what it
// prints, never on the clock.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace quorum::test {

class FaultHelper {
public:
    explicit FaultHelper(const QStringList &arguments)
    {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(QStringLiteral(QUORUM_FAULT_HELPER_PATH), arguments);
        m_process.waitForStarted(30000);
    }
    ~FaultHelper()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(30000);
        }
    }
    FaultHelper(const FaultHelper &) = delete;
    FaultHelper &operator=(const FaultHelper &) = delete;

    /** The next line the helper prints (without the line end); empty when it ended or 60 s passed. */
    QString readLine()
    {
        while (!m_process.canReadLine()) {
            if (m_process.state() == QProcess::NotRunning || !m_process.waitForReadyRead(60000))
                return m_process.canReadLine() ? QString::fromUtf8(m_process.readLine()).trimmed() : QString();
        }
        return QString::fromUtf8(m_process.readLine()).trimmed();
    }

    void writeLine(const QString &line)
    {
        m_process.write((line + QLatin1Char('\n')).toUtf8());
        m_process.waitForBytesWritten(30000);
    }

    /** SIGKILL, then waits for the process to be gone. */
    void kill()
    {
        m_process.kill();
        m_process.waitForFinished(30000);
    }

    /** Waits for the helper to end by itself; its exit code (-1 when it crashed or did not end). */
    int finish()
    {
        if (!m_process.waitForFinished(120000))
            return -1;
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    /** The lines still in the pipe (after kill() or finish()). */
    QStringList remainingLines()
    {
        QStringList lines;
        while (m_process.canReadLine())
            lines << QString::fromUtf8(m_process.readLine()).trimmed();
        return lines;
    }

    QString errorOutput() { return QString::fromUtf8(m_process.readAllStandardError()); }

private:
    QProcess m_process;
};

} // namespace quorum::test
