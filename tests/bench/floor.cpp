// The start-up floor of the first-paint benchmark: a bare Qt Widgets window with one chart, the least a
// Qt program with a dashboard chart can do. tests/bench/run starts it exactly as it starts `quorum`, and
// reports Quorum's first painted dashboard against it.
#include "ui/window/firstpaintprobe.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QMainWindow>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    auto *series = new QLineSeries;
    for (int i = 0; i < 10; ++i)
        series->append(i, (i * 37) % 11);
    auto *chart = new QChart;
    chart->addSeries(series);
    chart->createDefaultAxes();
    chart->setTitle(QStringLiteral("One chart"));
    auto *view = new QChartView(chart);
    window.setCentralWidget(view);
    window.resize(1400, 900);
    new quorum::FirstPaintProbe(view);
    window.show();
    return app.exec();
}
