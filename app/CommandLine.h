#pragma once

#include "runner/HeadlessRun.h"

#include <QStringList>

namespace flowlab {

/// What the command line asked for: `flowlab [FILE]` and
/// `flowlab --headless FILE --duration 10m [--seed N] [--report out.csv|out.json]`.
struct CommandLine
{
    enum class Mode { Headless, Help, Version, Error };

    Mode mode = Mode::Headless;
    HeadlessRun::Options headless;
    QString message; ///< help text, version, or the error

    /// Parses arguments (argv[0] first). `defaultFile` is opened when none is given.
    static CommandLine parse(const QStringList &arguments, const QString &defaultFile);
};

} // namespace flowlab
