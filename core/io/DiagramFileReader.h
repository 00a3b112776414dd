#pragma once

#include <QHash>
#include <QString>
#include <QVariantMap>

class QByteArray;
class QJsonObject;
class QJsonValue;
class QPointF;

namespace flowlab {

class Diagram;
struct DiagramFileError;
struct Link;
struct Node;
struct SimulationSettings;
struct ViewSettings;
enum class NodeKind;

/// Reads one .flowlab document into a Diagram, stopping at the first problem, which it
/// describes in the DiagramFileError given to the constructor (when not null). It migrates
/// older versions to the current one before reading. Use DiagramFile::read(), which keeps
/// the caller's diagram untouched on failure; this class is its implementation.
class DiagramFileReader
{
public:
    explicit DiagramFileReader(DiagramFileError *error);

    /// Fills `diagram`, which should be empty. On failure it may hold part of the file.
    bool read(const QByteArray &bytes, Diagram *diagram);

private:
    bool fail(const QString &place, const QString &problem);
    bool parse(const QByteArray &bytes, QJsonObject *root);
    bool readVersion(const QJsonObject &root, int *version);
    bool migrate(QJsonObject *root, int version);
    /// Refuses members not in `known`, a comma-separated list ("id, kind, name").
    bool checkFields(const QJsonObject &object, const QString &place, const char *known);
    bool readObject(const QJsonValue &value, const QString &place, QJsonObject *object);
    bool readId(const QJsonObject &object, const QString &place, int *id);
    bool readNodeRef(const QJsonObject &object,
                     const QString &place,
                     const QString &key,
                     const Diagram &diagram,
                     int *id);
    bool readPoint(const QJsonValue &value, const QString &place, QPointF *point);
    bool readNodes(const QJsonValue &value, Diagram *diagram);
    bool readNode(const QJsonValue &value, const QString &place, Node *node);
    bool readSettings(const QJsonValue &value,
                      const QString &place,
                      NodeKind kind,
                      QVariantMap *settings);
    bool readLinks(const QJsonValue &value, Diagram *diagram);
    bool readLink(const QJsonValue &value, const QString &place, const Diagram &diagram, Link *link);
    bool readSimulation(const QJsonValue &value, SimulationSettings *simulation);
    bool readView(const QJsonValue &value, ViewSettings *view);

    DiagramFileError *m_error;
    QHash<int, QString> m_idPlaces; ///< each id read so far -> the place of its node or link
};

} // namespace flowlab
