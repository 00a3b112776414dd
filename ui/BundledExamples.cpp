#include "BundledExamples.h"

#include <QCoreApplication>
#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace. The resource is built by
// qt_add_resources(flowlab_ui "examples" ...) in ui/CMakeLists.txt; its object file is linked
// into every consumer of flowlab_ui, and registering it again here is harmless (Qt keeps one
// copy), so the call costs nothing where the static initialiser already ran.
static void initExamplesResource()
{
    Q_INIT_RESOURCE(examples);
}

namespace flowlab {

void BundledExamples::initResources()
{
    initExamplesResource();
}

QList<BundledExamples::Example> BundledExamples::all()
{
    return {
        {QCoreApplication::translate("BundledExamples", "Video processing"),
         QStringLiteral(":/examples/video-processing.flowlab"),
         QCoreApplication::translate(
             "BundledExamples",
             "Upload jobs spike, a queue absorbs the burst and long-polling "
             "workers drain it; a dead-letter queue catches poison "
             "messages.")},
        {QCoreApplication::translate("BundledExamples", "Visibility timeout too short"),
         QStringLiteral(":/examples/visibility-timeout-too-short.flowlab"),
         QCoreApplication::translate("BundledExamples",
                                     "Orders take longer than the visibility timeout, so slow "
                                     "ones reappear and are processed twice.")},
        {QCoreApplication::translate("BundledExamples", "FIFO message groups"),
         QStringLiteral(":/examples/fifo-message-groups.flowlab"),
         QCoreApplication::translate("BundledExamples",
                                     "A FIFO queue with 8 message groups: strict order per group, "
                                     "a group blocked while one of its messages is in flight.")},
        {QCoreApplication::translate("BundledExamples", "Standard queue delivery"),
         QStringLiteral(":/examples/standard-queue-delivery.flowlab"),
         QCoreApplication::translate("BundledExamples",
                                     "At-least-once, best-effort order: now and then a message "
                                     "comes twice or before an older one, and short polls come "
                                     "back empty or with fewer messages than asked for.")},
    };
}

QString BundledExamples::defaultPath()
{
    return QStringLiteral(":/examples/video-processing.flowlab");
}

} // namespace flowlab
