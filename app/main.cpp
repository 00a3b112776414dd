#include "CommandLine.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("flowlab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOWLAB_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("Flowlab"));

    QTextStream out(stdout);
    QTextStream err(stderr);
    const flowlab::CommandLine cl
        = flowlab::CommandLine::parse(QCoreApplication::arguments(),
                                      QStringLiteral(":/examples/video-processing.flowlab"));
    switch (cl.mode) {
    case flowlab::CommandLine::Mode::Help:
    case flowlab::CommandLine::Mode::Version:
        out << cl.message << "\n";
        return 0;
    case flowlab::CommandLine::Mode::Error:
        err << "flowlab: " << cl.message << "\n";
        return 2;
    case flowlab::CommandLine::Mode::Headless:
        break;
    }
    return flowlab::HeadlessRun::run(cl.headless, out, err);
}
