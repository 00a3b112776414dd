#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QTcpSocket>
#include <QtTest>

namespace flowlab {

struct RawResponse
{
    bool complete = false;
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return QByteArray();
    }
};

/// An HTTP client at the byte level. Waiting spins the test thread's event loop, so the
/// backend's timers keep running.
class RawHttpClient
{
public:
    explicit RawHttpClient(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        m_socket.waitForConnected(5000);
    }
    bool connected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    /// Bytes received so far, waiting up to `ms` for at least `count` of them.
    QByteArray peek(qsizetype count, int ms = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (m_buffer.size() < count && timer.elapsed() < ms) {
            m_buffer += m_socket.readAll();
            if (m_buffer.size() < count)
                QTest::qWait(2);
        }
        return m_buffer;
    }
    void drop(qsizetype count) { m_buffer.remove(0, count); }

    RawResponse read(int ms = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        RawResponse response;
        while (timer.elapsed() < ms) {
            m_buffer += m_socket.readAll();
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end >= 0) {
                const QList<QByteArray> lines = m_buffer.left(end).split('\n');
                response.status = lines.first().split(' ').value(1).toInt();
                qsizetype length = 0;
                for (int i = 1; i < lines.size(); ++i) {
                    const QByteArray line = lines[i].trimmed();
                    const qsizetype colon = line.indexOf(':');
                    response.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
                    if (line.left(colon).compare("content-length", Qt::CaseInsensitive) == 0)
                        length = line.mid(colon + 1).trimmed().toLongLong();
                }
                if (m_buffer.size() >= end + 4 + length) {
                    response.body = m_buffer.mid(end + 4, length);
                    m_buffer.remove(0, end + 4 + length);
                    response.complete = true;
                    return response;
                }
            }
            QTest::qWait(2);
        }
        return response;
    }
    /// Whether the server closes the connection within `ms`.
    bool waitForClose(int ms = 3000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < ms) {
            m_buffer += m_socket.readAll();
            if (m_socket.state() == QAbstractSocket::UnconnectedState)
                return true;
            QTest::qWait(5);
        }
        return false;
    }
    void close() { m_socket.abort(); }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

inline QByteArray post(const QByteArray &body, const QByteArray &extraHeaders = QByteArray())
{
    return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded; "
           "charset=utf-8\r\n"
           + extraHeaders + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
           + body;
}

inline QByteArray postJson(const QByteArray &operation, const QByteArray &body)
{
    return "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.0\r\n"
           "X-Amz-Target: AmazonSQS."
           + operation + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
           + body;
}

} // namespace flowlab
