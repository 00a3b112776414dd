#pragma once

#include "HttpRequestParser.h"
#include "HttpResponse.h"

#include <QObject>
#include <QTimer>

#include <functional>

class QTcpSocket;

namespace flowlab {

/// One client connection of the endpoint's HTTP/1.1 server: reads requests with
/// HttpRequestParser, hands each to a handler, and writes the answer whenever it comes
/// (a long poll answers up to 20 s later, without any thread waiting for it).
///
/// Requests are served one at a time: the next request on a keep-alive connection is not
/// read until the current one is answered, so answers always go out in request order, even
/// for a client that pipelines. Lives in the endpoint's thread; owns its socket; deletes
/// itself (deleteLater) once the socket is closed, after emitting finished().
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    using RequestHandler = std::function<void(HttpConnection *connection, HttpRequest request)>;

    /// Takes ownership of `socket`. `handler` is called once per complete request; the
    /// connection then waits until respond() is called (possibly from inside the handler).
    HttpConnection(QTcpSocket *socket,
                   quint64 id,
                   const HttpLimits &limits,
                   RequestHandler handler,
                   QObject *parent = nullptr);
    ~HttpConnection() override;

    quint64 id() const { return m_id; }
    /// Whether a request has been handed out and not answered yet.
    bool awaitingResponse() const { return m_state == State::AwaitingResponse; }

    /// Answers the request handed out last; ignored when none is waiting.
    void respond(const HttpResponse &response);
    /// Closes the connection at once (the endpoint is stopping).
    void abort();

    /// A connection with nothing to do (no partial request, no answer due) is closed after
    /// this many milliseconds; a request that stalls half-sent gets 408.
    void setIdleTimeout(int ms);

signals:
    /// The socket is closed; the object is deleted soon after.
    void finished(quint64 id);

private:
    enum class State { Reading, AwaitingResponse, Closing, Closed };

    void readIncoming();
    void processBuffer();
    void writeResponse(const HttpResponse &response, bool close, bool keepAliveHeader);
    void failAndClose(int status, const QByteArray &text);
    void onBytesWritten();
    void onDisconnected();
    void onIdleTimeout();

    QTcpSocket *m_socket;
    quint64 m_id;
    HttpRequestParser m_parser;
    RequestHandler m_handler;
    QByteArray m_buffer;
    QByteArray m_localAuthority; ///< "address:port" the client connected to
    State m_state = State::Reading;
    bool m_processing = false; ///< inside processBuffer(): a respond() must not re-enter it
    bool m_pendingKeepAlive = true;
    bool m_pendingKeepAliveHeader = false;
    bool m_lingering = false; ///< closing after an error: drain input, then close
    QTimer m_idleTimer;
    QTimer m_lingerTimer;
};

} // namespace flowlab
