#pragma once

#include "HttpRequest.h"

#include <QByteArray>

namespace flowlab {

/// Size limits of one request, checked before anything is buffered whole.
struct HttpLimits
{
    qint64 maxHeaderBytes = 64 * 1024; ///< request line + header fields; more → 431
    /// Content-Length above this → 413, without reading the body. The largest legal SQS call
    /// is a 1 MiB batch; form encoding can triple its bytes (every byte of a body may become
    /// %XX), so 4 MiB leaves room for any legal request and refuses the absurd ones.
    qint64 maxBodyBytes = 4 * 1024 * 1024;
};

/// An incremental HTTP/1.0 and 1.1 request parser: feed it the bytes as they arrive and it
/// says when a request is complete, when the client waits for `100 Continue`, or why the
/// bytes are not a request it accepts (with the status to answer before closing).
///
/// Bodies need a Content-Length; `Transfer-Encoding` (chunked) is refused with 501, since
/// none of the SQS clients sends it. Limits are checked on the header bytes seen so far and
/// on the announced Content-Length, so an oversized request is refused before its body is
/// read.
class HttpRequestParser
{
public:
    enum class Status {
        NeedMore,         ///< nothing complete yet
        ContinueExpected, ///< headers complete, `Expect: 100-continue`, body still to come
        RequestReady,     ///< takeRequest() holds a whole request
        Error,            ///< answer errorStatus() and close the connection
    };

    explicit HttpRequestParser(const HttpLimits &limits = HttpLimits());

    /// Consumes the bytes of at most one request from the front of `buffer`; the rest (a
    /// pipelined next request) stays there for the next call.
    Status parse(QByteArray &buffer);

    /// The request completed by the last parse() that returned RequestReady.
    HttpRequest takeRequest();
    /// Whether the connection stays open after answering that request.
    bool keepAlive() const { return m_keepAlive; }
    /// Whether the answer should say `Connection: keep-alive` (an HTTP/1.0 client asked).
    bool keepAliveHeader() const { return m_keepAliveHeader; }

    /// True while part of a request has been consumed (between requests it is false).
    bool inProgress() const { return m_state == State::Body; }

    int errorStatus() const { return m_errorStatus; }
    const QByteArray &errorText() const { return m_errorText; }

private:
    enum class State { Head, Body, Failed };

    Status fail(int status, const QByteArray &text);
    bool parseHead(const QByteArray &head);
    bool parseRequestLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line);
    bool finishHeaders();

    HttpLimits m_limits;
    State m_state = State::Head;
    HttpRequest m_request;
    qint64 m_bodyLength = 0;
    qsizetype m_scanFrom = 0; ///< where to resume looking for the end of the head
    bool m_expectContinue = false;
    bool m_keepAlive = true;
    bool m_keepAliveHeader = false;
    int m_errorStatus = 0;
    QByteArray m_errorText;
};

} // namespace flowlab
