// MainWindow: the charts dock and its exports.

#include "MainWindow.h"

#include "RunController.h"
#include "canvas/DiagramScene.h"
#include "charts/ChartsWidget.h"
#include "document/DiagramDocument.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QStandardPaths>
#include <QStatusBar>

namespace flowlab {

namespace {
constexpr int kChartsHeight = 270;
} // namespace

void MainWindow::createChartsDock()
{
    m_charts = new ChartsWidget(m_document, this);
    m_chartsDock = new QDockWidget(tr("Charts"), this);
    m_chartsDock->setObjectName(QStringLiteral("chartsDock"));
    m_chartsDock->setWidget(m_charts);
    addDockWidget(Qt::BottomDockWidgetArea, m_chartsDock);
    resizeDocks({m_chartsDock}, {kChartsHeight}, Qt::Vertical);

    // Every frame, in order: the charts keep the run's metric rows exactly.
    connect(m_run, &RunController::frameApplied, m_charts, &ChartsWidget::applyFrame);
    connect(m_scene, &QGraphicsScene::selectionChanged, m_charts, [this] {
        m_charts->setSelectedNodes(m_scene->selectedNodeIds());
    });
    connect(m_charts->exportPngAction(), &QAction::triggered, this, [this] {
        exportChartWithDialog(QStringLiteral("png"));
    });
    connect(m_charts->exportCsvAction(), &QAction::triggered, this, [this] {
        exportChartWithDialog(QStringLiteral("csv"));
    });
}

void MainWindow::exportChartWithDialog(const QString &format)
{
    const bool png = format == QLatin1String("png");
    QString folder = m_document->filePath().isEmpty()
                         ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                         : QFileInfo(m_document->filePath()).absolutePath();
    const QString base = QFileInfo(m_documentName).completeBaseName() + QStringLiteral("-chart");
    QString path = askSaveFileName(png ? tr("Export Chart as PNG") : tr("Export Chart Data as CSV"),
                                   png ? tr("PNG images (*.png)") : tr("CSV files (*.csv)"),
                                   QDir(folder).filePath(base + QLatin1Char('.') + format));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + format;
    QString error;
    if (!(png ? m_charts->exportPng(path, &error) : m_charts->exportCsv(path, &error))) {
        showWarning(tr("Export failed"),
                    tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), error));
        return;
    }
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 4000);
}

} // namespace flowlab
