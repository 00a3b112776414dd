// MainWindow: New, Open, Save, Open Recent, Examples and Export.

#include "MainWindow.h"

#include "BundledExamples.h"
#include "RecentFiles.h"
#include "canvas/DiagramScene.h"
#include "canvas/LinkItem.h"
#include "document/DiagramDocument.h"
#include "io/DiagramFile.h"
#include "model/Diagram.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QMenu>
#include <QPainter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSvgGenerator>

namespace flowlab {

namespace {
constexpr qreal kExportMargin = 24;
constexpr qreal kPngScale = 2; // crisp on high-density screens and in documents

QString diagramFilter()
{
    return MainWindow::tr("Flowlab diagrams (*.flowlab)");
}

bool isResource(const QString &path)
{
    return path.startsWith(QLatin1String(":/")) || path.startsWith(QLatin1String("qrc:"));
}

// The folder the file dialogs start in: the document's, else the last one used, else the
// person's documents.
QString startFolder(const QString &documentPath)
{
    if (!documentPath.isEmpty())
        return QFileInfo(documentPath).absolutePath();
    const QStringList recent = RecentFiles::files();
    if (!recent.isEmpty())
        return QFileInfo(recent.first()).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}
} // namespace

bool MainWindow::loadFile(const QString &path, QString *error)
{
    Diagram diagram;
    DiagramFileError problem;
    if (!DiagramFile::load(path, &diagram, &problem)) {
        if (error)
            *error = problem.toString();
        return false;
    }
    // An example opens as an untitled copy: Save asks where to put it.
    const bool resource = isResource(path);
    m_documentName = QFileInfo(path).fileName();
    m_document->reset(diagram, resource ? QString() : QFileInfo(path).absoluteFilePath());
    if (!resource)
        RecentFiles::add(path);
    return true;
}

void MainWindow::newDocument()
{
    if (!maybeSave())
        return;
    m_documentName = tr("Untitled");
    m_document->reset(Diagram(), QString());
}

bool MainWindow::openFile(const QString &path)
{
    return maybeSave() && loadOrWarn(path);
}

bool MainWindow::loadOrWarn(const QString &path)
{
    QString error;
    if (loadFile(path, &error)) {
        statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 4000);
        return true;
    }
    if (!isResource(path) && !QFileInfo::exists(path))
        RecentFiles::remove(path);
    // The reader's message names the place in the file (a JSON pointer or a line).
    showWarning(tr("Cannot open diagram"),
                tr("%1 could not be opened; the diagram on screen is unchanged.\n\n%2")
                    .arg(QFileInfo(path).fileName(), error));
    return false;
}

bool MainWindow::save()
{
    const QString path = m_document->filePath();
    if (path.isEmpty())
        return saveAs();
    return saveTo(path);
}

bool MainWindow::saveAs()
{
    QString suggestion = m_document->filePath();
    if (suggestion.isEmpty()) {
        QString name = m_documentName;
        if (!name.endsWith(QLatin1String(".flowlab")))
            name += QStringLiteral(".flowlab");
        suggestion = QDir(startFolder(QString())).filePath(name);
    }
    QString path = askSaveFileName(tr("Save Diagram"), diagramFilter(), suggestion);
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".flowlab");
    return saveTo(path);
}

bool MainWindow::saveTo(const QString &path)
{
    QString error;
    if (!DiagramFile::save(m_document->diagram(), path, &error)) {
        // The document stays modified; QSaveFile left the old file as it was.
        showWarning(tr("Cannot save diagram"),
                    tr("%1 could not be saved.\n\n%2").arg(QDir::toNativeSeparators(path), error));
        return false;
    }
    m_document->markSaved(QFileInfo(path).absoluteFilePath());
    RecentFiles::add(path);
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 4000);
    return true;
}

void MainWindow::openWithDialog()
{
    // Ask about unsaved work before the file dialog, not after it.
    if (!maybeSave())
        return;
    const QString path = askOpenFileName();
    if (!path.isEmpty())
        loadOrWarn(path);
}

void MainWindow::saveAsWithDialog()
{
    saveAs();
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = RecentFiles::files();
    for (int i = 0; i < files.size(); ++i) {
        const QString &path = files.at(i);
        // &1 .. &8: each entry has a keyboard accelerator.
        QAction *action = m_recentMenu->addAction(
            QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()));
        action->setStatusTip(QDir::toNativeSeparators(path));
        action->setToolTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { openFile(path); });
    }
    if (files.isEmpty()) {
        m_recentMenu->addAction(tr("No recent diagrams"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    connect(m_recentMenu->addAction(tr("&Clear Menu")), &QAction::triggered, this, [] {
        RecentFiles::clear();
    });
}

void MainWindow::fillExamplesMenu()
{
    for (const BundledExamples::Example &example : BundledExamples::all()) {
        QAction *action = m_examplesMenu->addAction(example.title);
        action->setObjectName(QStringLiteral("example:") + QFileInfo(example.path).fileName());
        action->setStatusTip(example.summary);
        const QString path = example.path;
        connect(action, &QAction::triggered, this, [this, path] { openFile(path); });
    }
}

QString MainWindow::askOpenFileName()
{
    return QFileDialog::getOpenFileName(this,
                                        tr("Open Diagram"),
                                        startFolder(m_document->filePath()),
                                        diagramFilter());
}

QString MainWindow::askSaveFileName(const QString &caption,
                                    const QString &filter,
                                    const QString &suggestion)
{
    return QFileDialog::getSaveFileName(this, caption, suggestion, filter);
}

// --- Export ---------------------------------------------------------------------------

QRectF MainWindow::exportRect() const
{
    return m_scene->contentRect().adjusted(-kExportMargin,
                                           -kExportMargin,
                                           kExportMargin,
                                           kExportMargin);
}

bool MainWindow::renderTo(QPaintDevice *device, const QRectF &source, const QRectF &target)
{
    // Selection marks and the dotted grid are not part of the diagram: drawn without them,
    // then restored.
    const QList<int> selection = m_scene->selectedNodeIds();
    const QList<int> selectedLinks = m_scene->selectedLinkIds();
    const bool grid = m_scene->isGridVisible();
    m_scene->clearSelection();
    m_scene->setGridVisible(false);
    QPainter painter;
    if (!painter.begin(device)) {
        m_scene->setGridVisible(grid);
        m_scene->selectIds(selection);
        return false;
    }
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                           | QPainter::SmoothPixmapTransform);
    m_scene->render(&painter, target, source);
    painter.end();
    m_scene->setGridVisible(grid);
    m_scene->selectIds(selection);
    for (int id : selectedLinks) {
        if (LinkItem *link = m_scene->linkItem(id))
            link->setSelected(true);
    }
    return true;
}

bool MainWindow::exportPng(const QString &path)
{
    const QRectF source = exportRect();
    QImage image((source.size() * kPngScale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    if (!renderTo(&image, source, QRectF(QPointF(0, 0), source.size() * kPngScale))
        || !image.save(path, "PNG")) {
        showWarning(tr("Cannot export"),
                    tr("%1 could not be written.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    return true;
}

bool MainWindow::exportSvg(const QString &path)
{
    const QRectF source = exportRect();
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(source.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
    svg.setTitle(m_documentName);
    svg.setDescription(tr("A Flowlab diagram"));
    if (!renderTo(&svg, source, QRectF(QPointF(0, 0), source.size())) || !QFileInfo(path).isFile()) {
        showWarning(tr("Cannot export"),
                    tr("%1 could not be written.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    return true;
}

void MainWindow::exportWithDialog(const QString &format)
{
    const bool png = format == QLatin1String("png");
    QString base = QFileInfo(m_documentName).completeBaseName();
    const QString suggestion
        = QDir(startFolder(m_document->filePath())).filePath(base + QLatin1Char('.') + format);
    QString path = askSaveFileName(png ? tr("Export PNG Image") : tr("Export SVG Image"),
                                   png ? tr("PNG images (*.png)") : tr("SVG images (*.svg)"),
                                   suggestion);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + format;
    if (png ? exportPng(path) : exportSvg(path))
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 4000);
}

} // namespace flowlab
