#pragma once

#include <QList>
#include <QString>

namespace flowlab {

/// The example diagrams compiled into flowlab_ui as Qt resources under ":/examples/".
///
/// flowlab_ui is a static library, so its resources are registered by initResources(); call
/// it once before the first use of a ":/examples/..." path (the executable does so at start,
/// in both its window and headless modes).
class BundledExamples
{
public:
    struct Example
    {
        QString title;   ///< menu text: "Video processing"
        QString path;    ///< resource path: ":/examples/video-processing.flowlab"
        QString summary; ///< one sentence for the menu's status tip
    };

    static void initResources();
    /// The examples in menu order.
    static QList<Example> all();
    /// The diagram `flowlab` opens when no file is given.
    static QString defaultPath();
};

} // namespace flowlab
