#include "DiagramFile.h"

#include "DiagramFileReader.h"
#include "model/Diagram.h"
#include "model/PropertySchema.h"

#include <QFile>
#include <QLocale>
#include <QSaveFile>

#include <cmath>

namespace flowlab {

namespace {

// QJsonDocument sorts object keys, and a person reading a diagram wants "format" and
// "version" first and each node's id before its settings, so the writer emits the text
// itself. The shape is fixed: the same Diagram always gives the same bytes.

QByteArray jsonString(const QString &text)
{
    static const char hex[] = "0123456789abcdef";
    QByteArray out = "\"";
    for (const char c : text.toUtf8()) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (uchar(c) < 0x20) {
                out += "\\u00";
                out += hex[uchar(c) >> 4];
                out += hex[uchar(c) & 0xF];
            } else {
                out += c;
            }
        }
    }
    return out + '"';
}

// The shortest text that reads back as the same double ("250", "0.35", "1e-06").
QByteArray jsonNumber(double value)
{
    if (!std::isfinite(value))
        return "null"; // not representable in JSON; the reader refuses it rather than guess
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

QByteArray jsonPoint(const QPointF &point)
{
    return '[' + jsonNumber(point.x()) + ", " + jsonNumber(point.y()) + ']';
}

QByteArray settingJson(const PropertyDef &def, const QVariant &value)
{
    switch (def.type) {
    case PropertyDef::Type::Bool:
        return value.toBool() ? "true" : "false";
    case PropertyDef::Type::Int:
        return QByteArray::number(value.typeId() == QMetaType::Double ? qint64(value.toDouble())
                                                                      : value.toLongLong());
    case PropertyDef::Type::Double:
        return jsonNumber(value.toDouble());
    case PropertyDef::Type::Enum:
    case PropertyDef::Type::String:
        return jsonString(value.toString());
    }
    return "null";
}

using Members = QVector<QPair<QByteArray, QByteArray>>;

// An object with one member per line, its closing brace at `indent`.
QByteArray jsonObject(const Members &members, const QByteArray &indent)
{
    if (members.isEmpty())
        return "{}";
    QByteArray out = "{";
    for (int i = 0; i < members.size(); ++i) {
        out += (i ? ",\n" : "\n") + indent + "    ";
        out += jsonString(QString::fromUtf8(members.at(i).first)) + ": " + members.at(i).second;
    }
    return out + '\n' + indent + '}';
}

// An array with one element per line, its closing bracket at `indent`.
QByteArray jsonArray(const QVector<QByteArray> &elements, const QByteArray &indent)
{
    if (elements.isEmpty())
        return "[]";
    QByteArray out = "[";
    for (int i = 0; i < elements.size(); ++i)
        out += (i ? ",\n" : "\n") + indent + "    " + elements.at(i);
    return out + '\n' + indent + ']';
}

QByteArray nodeJson(const Node &node)
{
    const QByteArray indent = "        ";
    const PropertySchema &schema = PropertySchema::forKind(node.kind);
    // QVariantMap iterates in key order, which is what keeps the output stable. Keys the
    // schema does not know are skipped: the reader would refuse them, and a file that
    // cannot be opened again is worse than a dropped value nothing could use.
    Members settings;
    for (auto it = node.settings.constBegin(); it != node.settings.constEnd(); ++it) {
        if (const PropertyDef *def = schema.find(it.key()))
            settings.append({it.key().toUtf8(), settingJson(*def, it.value())});
    }

    return jsonObject({{"id", QByteArray::number(node.id)},
                       {"kind", jsonString(nodeKindId(node.kind))},
                       {"name", jsonString(node.name)},
                       {"position", jsonPoint(node.position)},
                       {"settings", jsonObject(settings, indent + "    ")}},
                      indent);
}

QByteArray linkJson(const Link &link)
{
    return "{\"id\": " + QByteArray::number(link.id) + ", \"from\": "
           + QByteArray::number(link.from) + ", \"to\": " + QByteArray::number(link.to)
           + ", \"kind\": " + jsonString(linkKindId(link.kind)) + '}';
}

QByteArray seedJson(quint64 seed)
{
    const QByteArray digits = QByteArray::number(seed);
    return seed <= quint64(DiagramFile::kMaxNumericSeed) ? digits : '"' + digits + '"';
}

} // namespace

QString DiagramFileError::toString() const
{
    return place.isEmpty() ? problem : place + QLatin1String(": ") + problem;
}

bool DiagramFile::read(const QByteArray &bytes, Diagram *out, DiagramFileError *error)
{
    // Everything is read into a diagram of its own and handed over only when all of it is
    // valid, so a refused file never leaves a half-loaded document behind.
    Diagram diagram;
    DiagramFileReader reader(error);
    if (!reader.read(bytes, &diagram))
        return false;
    if (out)
        *out = std::move(diagram);
    return true;
}

bool DiagramFile::load(const QString &path, Diagram *out, DiagramFileError *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = {QString(), QStringLiteral("cannot open the file: %1").arg(file.errorString())};
        return false;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        if (error)
            *error = {QString(), QStringLiteral("cannot read the file: %1").arg(file.errorString())};
        return false;
    }
    return read(bytes, out, error);
}

QByteArray DiagramFile::write(const Diagram &diagram)
{
    const QByteArray indent = "    ";
    QVector<QByteArray> nodes;
    for (const Node &node : diagram.nodes)
        nodes.append(nodeJson(node));
    QVector<QByteArray> links;
    for (const Link &link : diagram.links)
        links.append(linkJson(link));

    const QByteArray simulation = jsonObject({{"seed", seedJson(diagram.simulation.seed)},
                                              {"speed", jsonNumber(diagram.simulation.speed)}},
                                             indent);
    const QByteArray view = jsonObject({{"zoom", jsonNumber(diagram.view.zoom)},
                                        {"center", jsonPoint(diagram.view.center)}},
                                       indent);
    return jsonObject({{"format", jsonString(QStringLiteral("flowlab"))},
                       {"version", QByteArray::number(kCurrentVersion)},
                       {"nodes", jsonArray(nodes, indent)},
                       {"links", jsonArray(links, indent)},
                       {"simulation", simulation},
                       {"view", view}},
                      QByteArray())
           + '\n';
}

bool DiagramFile::save(const Diagram &diagram, const QString &path, QString *error)
{
    // QSaveFile writes next to the target and renames over it on commit(); until then the
    // old file stays whole, and a failed write is discarded when `file` goes out of scope.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("cannot open the file for writing: %1").arg(file.errorString());
        return false;
    }
    const QByteArray bytes = write(diagram);
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot save the file: %1").arg(file.errorString());
        return false;
    }
    return true;
}

} // namespace flowlab
