#pragma once

// Shared by the endpoint's codec tests: JSON written in the test source as text.

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtGlobal>

namespace flowlab::test {

inline QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in the test: %s (%s)", text, qPrintable(error.errorString()));
    return document.object();
}

} // namespace flowlab::test
