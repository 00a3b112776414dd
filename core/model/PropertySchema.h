#pragma once

#include "NodeKind.h"

#include <QStringList>
#include <QVariant>
#include <QVector>

namespace flowlab {

/// One setting of a node kind: its key in the file, its type, range, unit and default.
/// The inspector builds its rows from these, the file reader validates against them and the
/// engine reads its settings through them, so a range lives in exactly one place.
struct PropertyDef
{
    enum class Type { Bool, Int, Double, Enum, String };

    QString key;   ///< key in the file and in Node::settings ("visibilityTimeout")
    QString label; ///< short label for the inspector ("Visibility timeout")
    Type type = Type::Int;
    QVariant defaultValue;
    double minimum = 0;      ///< Int/Double only, inclusive
    double maximum = 0;      ///< Int/Double only, inclusive
    QString unit;            ///< suffix shown after the value: "s", "ms", "msg/s", "bytes"
    QStringList choices;     ///< Enum only: the allowed ids, in display order
    QString toolTip;         ///< one sentence explaining the setting
    bool createOnly = false; ///< cannot change once the node exists in a running engine

    /// Checks a value against type and range. On failure returns false and says why, in
    /// words fit for an error message ("must be between 0 and 43200").
    bool accepts(const QVariant &value, QString *why = nullptr) const;
};

/// The settings of one node kind.
class PropertySchema
{
public:
    static const PropertySchema &forKind(NodeKind kind);

    const QVector<PropertyDef> &properties() const { return m_properties; }
    const PropertyDef *find(const QString &key) const;
    /// A map with every key set to its default.
    QVariantMap defaults() const;

private:
    explicit PropertySchema(QVector<PropertyDef> properties);
    QVector<PropertyDef> m_properties;
};

} // namespace flowlab
