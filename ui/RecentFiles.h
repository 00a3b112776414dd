#pragma once

#include <QStringList>

namespace flowlab {

/// The recently opened or saved diagrams, newest first, kept in QSettings under
/// "recentFiles" (at most kMaxFiles). Files that no longer exist drop out when the list is
/// read.
class RecentFiles
{
public:
    static constexpr int kMaxFiles = 8;

    /// The files that still exist, newest first (the missing ones are forgotten).
    static QStringList files();
    /// Puts `path` (made absolute) first.
    static void add(const QString &path);
    static void remove(const QString &path);
    static void clear();

private:
    static void store(const QStringList &files);
};

} // namespace flowlab
