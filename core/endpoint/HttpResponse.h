#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace flowlab {

/// One HTTP response to write. Content-Length and Connection are added by serialize().
struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    HttpResponse() = default;
    HttpResponse(int statusCode, QByteArray contentType, QByteArray content)
        : status(statusCode)
        , body(std::move(content))
    {
        if (!contentType.isEmpty())
            headers.append({QByteArrayLiteral("Content-Type"), std::move(contentType)});
    }

    /// The value of a header (case-insensitive name), or an empty array.
    QByteArray header(const QByteArray &name) const;
    void setHeader(const QByteArray &name, const QByteArray &value);

    /// Status line, headers, Content-Length, `Connection: close` when `close` (or
    /// `Connection: keep-alive` when `keepAliveHeader`, for HTTP/1.0 clients), blank line, body.
    QByteArray serialize(bool close, bool keepAliveHeader = false) const;

    /// A plain-text response for a protocol-level failure (400, 413, ...).
    static HttpResponse plain(int status, const QByteArray &text);
    static QByteArray reasonPhrase(int status);
};

} // namespace flowlab
