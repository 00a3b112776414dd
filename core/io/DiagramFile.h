#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace flowlab {

class Diagram;

/// Why a .flowlab file was refused: where, and what is wrong there.
struct DiagramFileError
{
    /// A JSON pointer into the document ("/nodes/2/settings/visibilityTimeout"), a position
    /// in the text for syntax errors ("line 4, column 7"), or empty for the file as a whole.
    QString place;
    /// The problem in plain words ("must be between 0 and 43200").
    QString problem;

    /// "place: problem", or just the problem when there is no place.
    QString toString() const;
};

/// Reads and writes the .flowlab format: UTF-8 JSON with a format name and a version,
///
///     {"format": "flowlab", "version": 1, "nodes": [...], "links": [...],
///      "simulation": {"seed": 1, "speed": 1}, "view": {"zoom": 1, "center": [0, 0]}}
///
/// Reading validates everything (field types, ids, node kinds, every setting against its
/// PropertyDef, every link against Diagram::linkRefusal) before it touches the output, so a
/// bad file is refused as a whole. Files of older versions are migrated on read; files of a
/// newer version are refused with a message that says so. Writing is deterministic: the
/// same Diagram always gives the same bytes.
class DiagramFile
{
public:
    /// The version write() produces and the newest one read() accepts.
    static constexpr int kCurrentVersion = 1;
    /// The largest seed written as a JSON number: most JSON tools hold numbers as doubles,
    /// exact up to 2^53 and no further, so larger seeds are written as decimal strings.
    static constexpr qint64 kMaxNumericSeed = Q_INT64_C(9007199254740992);

    /// Parses a document. On success replaces `*out` (when not null) and returns true; on
    /// failure leaves `*out` untouched, fills `*error` (when not null) and returns false.
    static bool read(const QByteArray &bytes, Diagram *out, DiagramFileError *error);
    /// Reads the file at `path` with read(). A file that cannot be opened gives an error
    /// with an empty place and the operating system's reason.
    static bool load(const QString &path, Diagram *out, DiagramFileError *error);

    /// The document as indented JSON, in the current version, keys in a fixed order and
    /// settings sorted by key. Settings hold only the keys present in Node::settings; keys
    /// the node kind's schema does not know are left out, so the result always reads back.
    static QByteArray write(const Diagram &diagram);
    /// Writes write(diagram) to `path` through QSaveFile: the old file is replaced only once
    /// the new one is complete. On failure returns false and puts the reason in `*error`.
    static bool save(const Diagram &diagram, const QString &path, QString *error);
};

} // namespace flowlab
