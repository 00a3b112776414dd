#pragma once

#include "runner/HeadlessRun.h"

#include <QHostAddress>
#include <QStringList>

namespace flowlab {

/// What the command line asked for:
///     flowlab [FILE] [--run] [--screenshot out.png [--after SECONDS]]
///     flowlab --headless FILE --duration 10m [--seed N] [--report out.csv|out.json]
///     flowlab --serve [--headless] [--port 9324] [--bind 127.0.0.1] [FILE]
struct CommandLine
{
    enum class Mode { Window, Headless, Serve, Help, Version, Error };

    /// `--serve --headless [--port N] [--bind ADDRESS] [FILE]`.
    struct ServeOptions
    {
        QString file; ///< empty: an empty diagram
        quint16 port = 9324;
        QHostAddress address = QHostAddress(QHostAddress::LocalHost);
        quint64 seed = 0;
    };

    /// The window mode's options.
    struct WindowOptions
    {
        QString file;       ///< the diagram to open (empty: an empty diagram)
        bool run = false;   ///< press Run once the window is shown
        QString screenshot; ///< grab the window into this PNG, then quit (empty: no)
        double after = 5.0; ///< wall seconds from start to the screenshot
        bool serve = false; ///< --serve: the endpoint on CommandLine::serve's address and port
    };

    Mode mode = Mode::Window;
    WindowOptions window;
    HeadlessRun::Options headless;
    ServeOptions serve;
    QString message; ///< help text, version, or the error

    /// Parses arguments (argv[0] first). `defaultFile` is opened when none is given.
    static CommandLine parse(const QStringList &arguments, const QString &defaultFile);
};

} // namespace flowlab
