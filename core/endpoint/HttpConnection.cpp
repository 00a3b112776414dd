#include "HttpConnection.h"

#include <QTcpSocket>

namespace flowlab {

namespace {
// What Qt may buffer from the socket while a request waits for its answer. A client that
// pipelines more than this waits for the kernel's flow control.
constexpr qint64 ReadBufferBytes = 256 * 1024;
constexpr int DefaultIdleTimeoutMs = 120 * 1000;
// After an error answer the client may still be sending (a refused body): keep reading and
// dropping for a moment, so closing does not reset the connection before it reads the answer.
constexpr int LingerMs = 500;
} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket,
                               quint64 id,
                               const HttpLimits &limits,
                               RequestHandler handler,
                               QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_id(id)
    , m_parser(limits)
    , m_handler(std::move(handler))
{
    m_socket->setParent(this);
    m_localAuthority = m_socket->localAddress().toString().toLatin1() + ':'
                       + QByteArray::number(m_socket->localPort());
    m_socket->setReadBufferSize(ReadBufferBytes);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::readIncoming);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);

    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(DefaultIdleTimeoutMs);
    connect(&m_idleTimer, &QTimer::timeout, this, &HttpConnection::onIdleTimeout);
    m_idleTimer.start();

    m_lingerTimer.setSingleShot(true);
    m_lingerTimer.setInterval(LingerMs);
    connect(&m_lingerTimer, &QTimer::timeout, this, [this] {
        if (m_state != State::Closed)
            m_socket->abort();
        onDisconnected();
    });

    // Bytes may have arrived before the connection object existed.
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::readIncoming, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection()
{
    m_socket->disconnect(this);
}

void HttpConnection::setIdleTimeout(int ms)
{
    m_idleTimer.setInterval(ms);
    if (m_idleTimer.isActive())
        m_idleTimer.start();
}

void HttpConnection::readIncoming()
{
    if (m_state == State::Closed)
        return;
    if (m_state == State::Closing) {
        m_socket->readAll(); // a refused body: dropped, never buffered
        return;
    }
    if (m_state == State::AwaitingResponse)
        return; // read on once the current request is answered
    const QByteArray bytes = m_socket->readAll();
    if (bytes.isEmpty() && m_buffer.isEmpty())
        return;
    m_buffer += bytes;
    m_idleTimer.start();
    processBuffer();
}

void HttpConnection::processBuffer()
{
    if (m_processing)
        return;
    m_processing = true;
    while (m_state == State::Reading && !m_buffer.isEmpty()) {
        const HttpRequestParser::Status status = m_parser.parse(m_buffer);
        if (status == HttpRequestParser::Status::NeedMore)
            break;
        if (status == HttpRequestParser::Status::ContinueExpected) {
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            continue; // the body may already be here
        }
        if (status == HttpRequestParser::Status::Error) {
            failAndClose(m_parser.errorStatus(), m_parser.errorText());
            break;
        }
        // RequestReady
        m_state = State::AwaitingResponse;
        m_pendingKeepAlive = m_parser.keepAlive();
        m_pendingKeepAliveHeader = m_parser.keepAliveHeader();
        m_idleTimer.stop();
        HttpRequest request = m_parser.takeRequest();
        request.localAuthority = m_localAuthority;
        m_handler(this, std::move(request)); // may call respond() before returning
        if (m_state == State::Reading && m_buffer.isEmpty())
            m_buffer = m_socket->readAll(); // a pipelined request waiting in Qt's buffer
    }
    m_processing = false;
}

void HttpConnection::respond(const HttpResponse &response)
{
    if (m_state != State::AwaitingResponse)
        return;
    const bool close = !m_pendingKeepAlive;
    writeResponse(response, close, m_pendingKeepAliveHeader);
    if (close) {
        m_state = State::Closing;
        m_socket->disconnectFromHost(); // after the answer is written
        return;
    }
    m_state = State::Reading;
    m_idleTimer.start();
    if (!m_processing) {
        m_buffer += m_socket->readAll();
        processBuffer();
    }
}

void HttpConnection::writeResponse(const HttpResponse &response, bool close, bool keepAliveHeader)
{
    m_socket->write(response.serialize(close, keepAliveHeader));
}

void HttpConnection::failAndClose(int status, const QByteArray &text)
{
    writeResponse(HttpResponse::plain(status, text), true, false);
    m_state = State::Closing;
    m_lingering = true;
    m_buffer.clear();
    m_socket->readAll();
    m_idleTimer.stop();
    onBytesWritten();
}

void HttpConnection::onBytesWritten()
{
    if (m_lingering && m_state == State::Closing && m_socket->bytesToWrite() == 0
        && !m_lingerTimer.isActive()) {
        m_lingerTimer.start();
    }
}

void HttpConnection::abort()
{
    if (m_state == State::Closed)
        return;
    m_socket->abort();
    onDisconnected();
}

void HttpConnection::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_idleTimer.stop();
    m_lingerTimer.stop();
    emit finished(m_id);
    deleteLater();
}

void HttpConnection::onIdleTimeout()
{
    if (m_state != State::Reading)
        return;
    if (m_parser.inProgress() || !m_buffer.isEmpty()) {
        failAndClose(408, "Request incomplete after the idle timeout");
        return;
    }
    m_state = State::Closing;
    m_socket->disconnectFromHost();
}

} // namespace flowlab
