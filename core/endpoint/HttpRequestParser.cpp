#include "HttpRequestParser.h"

#include <cstring>

namespace flowlab {

namespace {

// RFC 9110 token characters (method and header names).
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// Whether a comma-separated header value (Connection, Expect) lists `token`.
bool listsToken(const QByteArray &value, const char *token)
{
    for (const QByteArray &part : value.split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

HttpRequestParser::HttpRequestParser(const HttpLimits &limits)
    : m_limits(limits)
{}

HttpRequestParser::Status HttpRequestParser::fail(int status, const QByteArray &text)
{
    m_state = State::Failed;
    m_errorStatus = status;
    m_errorText = text;
    m_keepAlive = false;
    m_keepAliveHeader = false;
    return Status::Error;
}

HttpRequestParser::Status HttpRequestParser::parse(QByteArray &buffer)
{
    if (m_state == State::Failed)
        return Status::Error;

    if (m_state == State::Head) {
        // A client may send blank lines between requests (RFC 9112 §2.2): skip them.
        qsizetype skip = 0;
        while (skip < buffer.size() && (buffer[skip] == '\r' || buffer[skip] == '\n'))
            ++skip;
        if (skip > 0) {
            buffer.remove(0, skip);
            m_scanFrom = 0;
        }
        // Find the blank line ending the head: "\n\r\n" or, leniently, "\n\n".
        qsizetype end = -1;
        const char *data = buffer.constData();
        qsizetype i = m_scanFrom;
        while (i < buffer.size()) {
            const void *hit = std::memchr(data + i, '\n', size_t(buffer.size() - i));
            if (!hit)
                break;
            i = static_cast<const char *>(hit) - data;
            if (i + 1 < buffer.size() && data[i + 1] == '\n') {
                end = i + 2;
                break;
            }
            if (i + 2 < buffer.size() && data[i + 1] == '\r' && data[i + 2] == '\n') {
                end = i + 3;
                break;
            }
            if (i + 2 >= buffer.size())
                break; // maybe the start of the blank line: look again with more bytes
            ++i;
        }
        if (end < 0) {
            if (buffer.size() > m_limits.maxHeaderBytes)
                return fail(431, "Request header fields too large");
            m_scanFrom = qMax<qsizetype>(0, buffer.size() - 3);
            return Status::NeedMore;
        }
        if (end > m_limits.maxHeaderBytes)
            return fail(431, "Request header fields too large");

        const QByteArray head = buffer.left(end);
        buffer.remove(0, end);
        m_scanFrom = 0;
        if (!parseHead(head))
            return Status::Error;
        m_state = State::Body;
        if (m_expectContinue && buffer.size() < m_bodyLength)
            return Status::ContinueExpected;
    }

    // State::Body
    if (buffer.size() < m_bodyLength)
        return Status::NeedMore;
    if (buffer.size() == m_bodyLength) {
        m_request.body = std::move(buffer);
        buffer = QByteArray();
    } else {
        m_request.body = buffer.left(m_bodyLength);
        buffer.remove(0, m_bodyLength);
    }
    m_state = State::Head;
    return Status::RequestReady;
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest request = std::move(m_request);
    m_request = HttpRequest();
    return request;
}

bool HttpRequestParser::parseHead(const QByteArray &head)
{
    m_request = HttpRequest();
    m_bodyLength = 0;
    m_expectContinue = false;
    m_keepAlive = true;
    m_keepAliveHeader = false;

    const QList<QByteArray> lines = head.split('\n');
    bool first = true;
    for (QByteArray line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (first) {
            first = false;
            if (!parseRequestLine(line))
                return false;
            continue;
        }
        if (line.isEmpty())
            continue; // the blank line that ends the head (and the split's empty tail)
        if (!parseHeaderLine(line))
            return false;
    }
    return finishHeaders();
}

bool HttpRequestParser::parseRequestLine(const QByteArray &line)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3) {
        fail(400, "Malformed request line");
        return false;
    }
    const QByteArray &method = parts[0];
    QByteArray target = parts[1];
    const QByteArray &version = parts[2];
    if (!isToken(method)) {
        fail(400, "Malformed method");
        return false;
    }
    if (version == "HTTP/1.1") {
        m_request.minorVersion = 1;
    } else if (version == "HTTP/1.0") {
        m_request.minorVersion = 0;
    } else if (version.size() == 8 && version.startsWith("HTTP/") && version[6] == '.') {
        fail(505, "Only HTTP/1.0 and HTTP/1.1 are supported");
        return false;
    } else {
        fail(400, "Malformed HTTP version");
        return false;
    }
    if (target.isEmpty()) {
        fail(400, "Empty request target");
        return false;
    }
    for (char c : target) {
        if (uchar(c) <= 0x20 || uchar(c) == 0x7f) {
            fail(400, "Malformed request target");
            return false;
        }
    }
    m_request.method = method;
    m_request.target = target;
    // absolute-form (a client talking to us as a proxy): keep the path and query only.
    if (target.startsWith("http://") || target.startsWith("https://")) {
        const qsizetype authority = target.indexOf("//") + 2;
        const qsizetype slash = target.indexOf('/', authority);
        const qsizetype question = target.indexOf('?', authority);
        if (slash < 0 || (question >= 0 && question < slash))
            target = "/" + (question >= 0 ? target.mid(question) : QByteArray());
        else
            target = target.mid(slash);
    } else if (target != "*" && !target.startsWith('/')) {
        fail(400, "Malformed request target");
        return false;
    }
    const qsizetype fragment = target.indexOf('#');
    if (fragment >= 0)
        target.truncate(fragment);
    const qsizetype question = target.indexOf('?');
    m_request.path = question >= 0 ? target.left(question) : target;
    m_request.query = question >= 0 ? target.mid(question + 1) : QByteArray();
    if (m_request.path.isEmpty())
        m_request.path = "/";
    return true;
}

bool HttpRequestParser::parseHeaderLine(const QByteArray &line)
{
    if (line.startsWith(' ') || line.startsWith('\t')) {
        // Obsolete line folding (RFC 9112 §5.2): a server may reject it.
        fail(400, "Folded header lines are not accepted");
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) {
        fail(400, "Malformed header field");
        return false;
    }
    const QByteArray name = line.left(colon);
    if (!isToken(name)) {
        fail(400, "Malformed header field name");
        return false;
    }
    const QByteArray value = line.mid(colon + 1).trimmed();
    for (char c : value) {
        if ((uchar(c) < 0x20 && c != '\t') || c == 0x7f) {
            fail(400, "Control character in a header field");
            return false;
        }
    }
    m_request.headers.append({name.toLower(), value});
    return true;
}

bool HttpRequestParser::finishHeaders()
{
    const bool http11 = m_request.minorVersion == 1;

    if (m_request.hasHeader("transfer-encoding")) {
        // Chunked bodies would need their own framing and limits; no SQS client sends them.
        fail(http11 ? 501 : 400,
             "Transfer-Encoding is not supported: send the body with a Content-Length");
        return false;
    }

    const QList<QByteArray> lengths = m_request.headerValues("content-length");
    if (!lengths.isEmpty()) {
        const QByteArray &text = lengths.first();
        bool digits = !text.isEmpty() && text.size() <= 18;
        for (char c : text)
            digits = digits && c >= '0' && c <= '9';
        if (!digits) {
            fail(400, "Malformed Content-Length");
            return false;
        }
        for (const QByteArray &other : lengths) {
            if (other != text) {
                fail(400, "Conflicting Content-Length headers");
                return false;
            }
        }
        m_bodyLength = text.toLongLong();
        if (m_bodyLength > m_limits.maxBodyBytes) {
            fail(413,
                 "Request body too large: " + text + " bytes, at most "
                     + QByteArray::number(m_limits.maxBodyBytes));
            return false;
        }
    }

    const QByteArray connection = m_request.header("connection");
    if (http11)
        m_keepAlive = !listsToken(connection, "close");
    else
        m_keepAlive = listsToken(connection, "keep-alive");
    m_keepAliveHeader = m_keepAlive && !http11;

    const QByteArray expect = m_request.header("expect");
    if (!expect.isEmpty()) {
        if (expect.compare("100-continue", Qt::CaseInsensitive) != 0) {
            fail(417, "Only Expect: 100-continue is supported");
            return false;
        }
        // An HTTP/1.0 client does not understand 100 (RFC 9110 §10.1.1).
        m_expectContinue = http11 && m_bodyLength > 0;
    }
    return true;
}

} // namespace flowlab
