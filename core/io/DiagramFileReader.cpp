#include "DiagramFileReader.h"

#include "DiagramFile.h"
#include "model/Diagram.h"
#include "model/PropertySchema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringList>

#include <array>
#include <cmath>
#include <limits>

namespace flowlab {

namespace {

constexpr double kMinSpeed = 0.1;
constexpr double kMaxSpeed = 1000.0;

// A migration step upgrades a document in place from one version to the next. It runs on
// raw JSON that nothing has validated yet, so it checks what it touches and leaves anything
// unexpected for the reader of the current version to refuse.
using MigrationStep = bool (*)(QJsonObject *root, DiagramFileError *error);

// kMigrationSteps[i] upgrades version i + 1 to version i + 2. Version 1 is the first, so
// there are none yet. To change the format: raise kCurrentVersion, add the step from the
// old version here (the static_assert below insists), and make the reader read only the
// new version. Old files then reach the reader already in the current shape.
constexpr std::array<MigrationStep, DiagramFile::kCurrentVersion - 1> kMigrationSteps = {};

constexpr bool everyVersionHasAStep()
{
    for (MigrationStep step : kMigrationSteps) {
        if (!step)
            return false;
    }
    return true;
}
static_assert(everyVersionHasAStep(), "each version before kCurrentVersion needs a migration");

// JSON pointer (RFC 6901) of a member or an element.
QString child(const QString &place, QString key)
{
    key.replace(QLatin1Char('~'), QLatin1String("~0"));
    key.replace(QLatin1Char('/'), QLatin1String("~1"));
    return place + QLatin1Char('/') + key;
}

QString child(const QString &place, int index)
{
    return place + QLatin1Char('/') + QString::number(index);
}

// QJsonParseError gives a byte offset; people look for a line and a column (in characters,
// so UTF-8 continuation bytes do not count).
QString textPosition(const QByteArray &bytes, int offset)
{
    offset = qBound(0, offset, int(bytes.size()));
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; ++i) {
        const uchar c = uchar(bytes.at(i));
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

// Qt keeps integer literals exact (as qint64) and other numbers as doubles; both are
// accepted when they hold a whole number. Whole doubles beyond qint64 saturate, which the
// callers' range checks then refuse.
bool toInteger(const QJsonValue &value, qint64 *out)
{
    if (!value.isDouble())
        return false;
    const QVariant variant = value.toVariant();
    if (variant.typeId() == QMetaType::LongLong) {
        *out = variant.toLongLong();
        return true;
    }
    const double d = value.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d)
        return false;
    if (d >= 9.2e18)
        *out = std::numeric_limits<qint64>::max();
    else if (d <= -9.2e18)
        *out = std::numeric_limits<qint64>::min();
    else
        *out = qint64(d);
    return true;
}

bool isDecimalDigits(const QString &text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}

// "a producer", "an SQS queue": the kind as it reads inside a sentence.
QString kindInSentence(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Producer:
        return QStringLiteral("a producer");
    case NodeKind::SqsQueue:
        return QStringLiteral("an SQS queue");
    case NodeKind::ConsumerGroup:
        return QStringLiteral("a consumer group");
    case NodeKind::SqsClient:
        return QStringLiteral("an AWS client");
    }
    return QStringLiteral("this kind of node");
}

QString knownKinds()
{
    QStringList ids;
    for (NodeKind kind : kAllNodeKinds)
        ids.append(nodeKindId(kind));
    return ids.join(QLatin1String(", "));
}

// The value as Node::settings holds it: one QVariant type per PropertyDef type, whatever
// shape the number had in the file, so that a read diagram compares equal to the written one.
QVariant storedValue(const PropertyDef &def, const QVariant &value)
{
    switch (def.type) {
    case PropertyDef::Type::Bool:
        return value.toBool();
    case PropertyDef::Type::Int:
        return value.typeId() == QMetaType::Double ? qint64(value.toDouble()) : value.toLongLong();
    case PropertyDef::Type::Double:
        return value.toDouble();
    case PropertyDef::Type::Enum:
    case PropertyDef::Type::String:
        return value.toString();
    }
    return value;
}

} // namespace

DiagramFileReader::DiagramFileReader(DiagramFileError *error)
    : m_error(error)
{}

bool DiagramFileReader::fail(const QString &place, const QString &problem)
{
    if (m_error)
        *m_error = DiagramFileError{place, problem};
    return false;
}

bool DiagramFileReader::read(const QByteArray &bytes, Diagram *diagram)
{
    QJsonObject root;
    int version = 0;
    if (!parse(bytes, &root) || !readVersion(root, &version) || !migrate(&root, version))
        return false;
    if (!checkFields(root, QString(), "format, version, nodes, links, simulation, view"))
        return false;
    return readNodes(root.value(QLatin1String("nodes")), diagram)
           && readLinks(root.value(QLatin1String("links")), diagram)
           && readSimulation(root.value(QLatin1String("simulation")), &diagram->simulation)
           && readView(root.value(QLatin1String("view")), &diagram->view);
}

bool DiagramFileReader::parse(const QByteArray &bytes, QJsonObject *root)
{
    // Editors on some systems start UTF-8 files with a byte order mark; JSON does not allow
    // one, but refusing a file for an invisible character helps nobody.
    const QByteArray text = bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes;
    if (text.trimmed().isEmpty())
        return fail(QString(), QStringLiteral("the file is empty"));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(textPosition(text, parseError.offset), parseError.errorString());
    if (!document.isObject()) {
        return fail(QString(),
                    QStringLiteral("not a Flowlab diagram (the top level is not a "
                                   "JSON object)"));
    }
    *root = document.object();

    const QJsonValue format = root->value(QLatin1String("format"));
    if (format.isUndefined())
        return fail(QStringLiteral("/format"), QStringLiteral("missing; not a Flowlab diagram"));
    if (format.toString() != QLatin1String("flowlab"))
        return fail(QStringLiteral("/format"), QStringLiteral("not a Flowlab diagram"));
    return true;
}

bool DiagramFileReader::readVersion(const QJsonObject &root, int *version)
{
    const QString place = QStringLiteral("/version");
    const QJsonValue value = root.value(QLatin1String("version"));
    qint64 number = 0;
    if (value.isUndefined())
        return fail(place, QStringLiteral("missing"));
    if (!toInteger(value, &number))
        return fail(place, QStringLiteral("must be an integer"));
    if (number < 1)
        return fail(place, QStringLiteral("must be at least 1"));
    if (number > DiagramFile::kCurrentVersion) {
        return fail(place,
                    QStringLiteral("this file was written by a newer Flowlab (version "
                                   "%1); this one reads up to version %2")
                        .arg(number)
                        .arg(DiagramFile::kCurrentVersion));
    }
    *version = int(number);
    return true;
}

bool DiagramFileReader::migrate(QJsonObject *root, int version)
{
    for (int from = version; from < DiagramFile::kCurrentVersion; ++from) {
        if (!kMigrationSteps[size_t(from - 1)](root, m_error))
            return false;
        root->insert(QLatin1String("version"), from + 1);
    }
    return true;
}

bool DiagramFileReader::checkFields(const QJsonObject &object,
                                    const QString &place,
                                    const char *known)
{
    // Unknown fields are refused rather than skipped: a misspelt "setings" would otherwise
    // load as a node with default settings, and saving would drop what the person wrote.
    const QString knownList = QString::fromLatin1(known);
    const QStringList names = knownList.split(QLatin1String(", "));
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!names.contains(it.key()))
            return fail(child(place, it.key()),
                        QStringLiteral("unknown field (known: %1)").arg(knownList));
    }
    return true;
}

bool DiagramFileReader::readObject(const QJsonValue &value,
                                   const QString &place,
                                   QJsonObject *object)
{
    if (!value.isObject())
        return fail(place, QStringLiteral("must be an object"));
    *object = value.toObject();
    return true;
}

bool DiagramFileReader::readId(const QJsonObject &object, const QString &place, int *id)
{
    const QString idPlace = child(place, QStringLiteral("id"));
    const QJsonValue value = object.value(QLatin1String("id"));
    qint64 number = 0;
    if (value.isUndefined())
        return fail(idPlace, QStringLiteral("missing"));
    if (!toInteger(value, &number))
        return fail(idPlace, QStringLiteral("must be an integer"));
    if (number < 1 || number > std::numeric_limits<int>::max()) {
        return fail(idPlace,
                    QStringLiteral("must be between 1 and %1").arg(std::numeric_limits<int>::max()));
    }
    // Nodes and links share one id space, so the canvas can address either by id alone.
    const auto used = m_idPlaces.constFind(int(number));
    if (used != m_idPlaces.constEnd())
        return fail(idPlace, QStringLiteral("id %1 is already used by %2").arg(number).arg(*used));
    m_idPlaces.insert(int(number), place);
    *id = int(number);
    return true;
}

bool DiagramFileReader::readNodeRef(const QJsonObject &object,
                                    const QString &place,
                                    const QString &key,
                                    const Diagram &diagram,
                                    int *id)
{
    const QString refPlace = child(place, key);
    const QJsonValue value = object.value(key);
    qint64 number = 0;
    if (value.isUndefined())
        return fail(refPlace, QStringLiteral("missing"));
    if (!toInteger(value, &number))
        return fail(refPlace, QStringLiteral("must be an integer"));
    if (number < 1 || number > std::numeric_limits<int>::max() || !diagram.node(int(number)))
        return fail(refPlace, QStringLiteral("no node with id %1").arg(number));
    *id = int(number);
    return true;
}

bool DiagramFileReader::readPoint(const QJsonValue &value, const QString &place, QPointF *point)
{
    const QJsonArray array = value.toArray();
    if (!value.isArray() || array.size() != 2 || !array.at(0).isDouble()
        || !array.at(1).isDouble()) {
        return fail(place, QStringLiteral("must be an array of two numbers [x, y]"));
    }
    const double x = array.at(0).toDouble();
    const double y = array.at(1).toDouble();
    if (!std::isfinite(x) || !std::isfinite(y))
        return fail(place, QStringLiteral("must hold finite numbers"));
    *point = QPointF(x, y);
    return true;
}

bool DiagramFileReader::readNodes(const QJsonValue &value, Diagram *diagram)
{
    const QString place = QStringLiteral("/nodes");
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return fail(place, QStringLiteral("must be an array"));
    const QJsonArray array = value.toArray();
    for (int i = 0; i < array.size(); ++i) {
        Node node;
        if (!readNode(array.at(i), child(place, i), &node))
            return false;
        diagram->nodes.append(node);
    }
    return true;
}

bool DiagramFileReader::readNode(const QJsonValue &value, const QString &place, Node *node)
{
    QJsonObject object;
    if (!readObject(value, place, &object)
        || !checkFields(object, place, "id, kind, name, position, settings")
        || !readId(object, place, &node->id)) {
        return false;
    }

    const QString kindPlace = child(place, QStringLiteral("kind"));
    const QJsonValue kind = object.value(QLatin1String("kind"));
    if (kind.isUndefined())
        return fail(kindPlace, QStringLiteral("missing"));
    if (!kind.isString())
        return fail(kindPlace, QStringLiteral("must be a string"));
    if (!nodeKindFromId(kind.toString(), &node->kind)) {
        return fail(kindPlace,
                    QStringLiteral("unknown node kind \"%1\" (known: %2)")
                        .arg(kind.toString(), knownKinds()));
    }

    const QJsonValue name = object.value(QLatin1String("name"));
    if (name.isUndefined())
        node->name = QStringLiteral("%1 %2").arg(nodeKindDisplayName(node->kind)).arg(node->id);
    else if (name.isString())
        node->name = name.toString();
    else
        return fail(child(place, QStringLiteral("name")), QStringLiteral("must be a string"));

    const QJsonValue position = object.value(QLatin1String("position"));
    if (!position.isUndefined()
        && !readPoint(position, child(place, QStringLiteral("position")), &node->position)) {
        return false;
    }

    const QJsonValue settings = object.value(QLatin1String("settings"));
    return settings.isUndefined()
           || readSettings(settings,
                           child(place, QStringLiteral("settings")),
                           node->kind,
                           &node->settings);
}

bool DiagramFileReader::readSettings(const QJsonValue &value,
                                     const QString &place,
                                     NodeKind kind,
                                     QVariantMap *settings)
{
    QJsonObject object;
    if (!readObject(value, place, &object))
        return false;
    const PropertySchema &schema = PropertySchema::forKind(kind);
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString settingPlace = child(place, it.key());
        const PropertyDef *def = schema.find(it.key());
        if (!def) {
            return fail(settingPlace,
                        QStringLiteral("unknown setting for %1").arg(kindInSentence(kind)));
        }
        // The schema is the one place a range lives; the file only defers to it.
        const QVariant raw = it.value().toVariant();
        QString why;
        if (!def->accepts(raw, &why))
            return fail(settingPlace, why);
        // Only what the file holds is stored: absent settings keep following the defaults.
        settings->insert(def->key, storedValue(*def, raw));
    }
    return true;
}

bool DiagramFileReader::readLinks(const QJsonValue &value, Diagram *diagram)
{
    const QString place = QStringLiteral("/links");
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return fail(place, QStringLiteral("must be an array"));
    const QJsonArray array = value.toArray();
    for (int i = 0; i < array.size(); ++i) {
        Link link;
        if (!readLink(array.at(i), child(place, i), *diagram, &link))
            return false;
        // Each link is checked against the ones before it, as if a person drew them in order.
        const QString refusal = diagram->linkRefusal(link.from, link.to, link.kind);
        if (!refusal.isEmpty())
            return fail(child(place, i), refusal);
        diagram->links.append(link);
    }
    return true;
}

bool DiagramFileReader::readLink(const QJsonValue &value,
                                 const QString &place,
                                 const Diagram &diagram,
                                 Link *link)
{
    QJsonObject object;
    if (!readObject(value, place, &object) || !checkFields(object, place, "id, from, to, kind")
        || !readId(object, place, &link->id)
        || !readNodeRef(object, place, QStringLiteral("from"), diagram, &link->from)
        || !readNodeRef(object, place, QStringLiteral("to"), diagram, &link->to)) {
        return false;
    }
    const QString kindPlace = child(place, QStringLiteral("kind"));
    const QJsonValue kind = object.value(QLatin1String("kind"));
    if (kind.isUndefined()) {
        link->kind = LinkKind::Flow;
    } else if (!kind.isString()) {
        return fail(kindPlace, QStringLiteral("must be a string"));
    } else if (!linkKindFromId(kind.toString(), &link->kind)) {
        return fail(kindPlace,
                    QStringLiteral("unknown link kind \"%1\" (known: flow, dead-letter)")
                        .arg(kind.toString()));
    }
    return true;
}

bool DiagramFileReader::readSimulation(const QJsonValue &value, SimulationSettings *simulation)
{
    const QString place = QStringLiteral("/simulation");
    QJsonObject object;
    if (value.isUndefined())
        return true;
    if (!readObject(value, place, &object) || !checkFields(object, place, "seed, speed")) {
        return false;
    }

    const QString seedPlace = child(place, QStringLiteral("seed"));
    const QJsonValue seed = object.value(QLatin1String("seed"));
    const QString seedProblem = QStringLiteral("must be a whole number from 0 to %1, or a string "
                                               "of decimal digits for a larger seed")
                                    .arg(DiagramFile::kMaxNumericSeed);
    qint64 number = 0;
    bool ok = false;
    if (seed.isString()) {
        const QString digits = seed.toString();
        const quint64 parsed = digits.toULongLong(&ok, 10);
        if (!ok || !isDecimalDigits(digits))
            return fail(seedPlace, seedProblem);
        simulation->seed = parsed;
    } else if (!seed.isUndefined()) {
        if (!toInteger(seed, &number) || number < 0 || number > DiagramFile::kMaxNumericSeed)
            return fail(seedPlace, seedProblem);
        simulation->seed = quint64(number);
    }

    const QString speedPlace = child(place, QStringLiteral("speed"));
    const QJsonValue speed = object.value(QLatin1String("speed"));
    if (!speed.isUndefined()) {
        if (!speed.isDouble() || !std::isfinite(speed.toDouble()))
            return fail(speedPlace, QStringLiteral("must be a number"));
        if (speed.toDouble() < kMinSpeed || speed.toDouble() > kMaxSpeed) {
            return fail(speedPlace,
                        QStringLiteral("must be between %1 and %2").arg(kMinSpeed).arg(kMaxSpeed));
        }
        simulation->speed = speed.toDouble();
    }
    return true;
}

bool DiagramFileReader::readView(const QJsonValue &value, ViewSettings *view)
{
    const QString place = QStringLiteral("/view");
    QJsonObject object;
    if (value.isUndefined())
        return true;
    if (!readObject(value, place, &object) || !checkFields(object, place, "zoom, center")) {
        return false;
    }
    const QJsonValue zoom = object.value(QLatin1String("zoom"));
    if (!zoom.isUndefined()) {
        if (!zoom.isDouble() || !std::isfinite(zoom.toDouble()) || zoom.toDouble() <= 0) {
            return fail(child(place, QStringLiteral("zoom")),
                        QStringLiteral("must be a positive number"));
        }
        view->zoom = zoom.toDouble();
    }
    const QJsonValue center = object.value(QLatin1String("center"));
    return center.isUndefined()
           || readPoint(center, child(place, QStringLiteral("center")), &view->center);
}

} // namespace flowlab
