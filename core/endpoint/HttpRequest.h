#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace flowlab {

/// One parsed HTTP/1.x request, as HttpRequestParser produces it.
struct HttpRequest
{
    QByteArray method;    ///< as sent ("POST")
    QByteArray target;    ///< the request-target as sent ("/000000000000/q?x=1")
    QByteArray path;      ///< the target's path, still percent-encoded ("/" when absent)
    QByteArray query;     ///< the target's query string without '?', still encoded
    int minorVersion = 1; ///< HTTP/1.<minorVersion>
    /// Header fields in arrival order, names lower-cased, values without surrounding blanks.
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    /// "address:port" of the socket the request arrived on: the authority to use when the
    /// request has no Host header.
    QByteArray localAuthority;

    /// The first value of a header (`name` in lower case), or an empty array.
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &field : headers) {
            if (field.first == name)
                return field.second;
        }
        return QByteArray();
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &field : headers) {
            if (field.first == name)
                return true;
        }
        return false;
    }
    /// Every value of a header, in arrival order.
    QList<QByteArray> headerValues(const QByteArray &name) const
    {
        QList<QByteArray> values;
        for (const auto &field : headers) {
            if (field.first == name)
                values.append(field.second);
        }
        return values;
    }
};

} // namespace flowlab
