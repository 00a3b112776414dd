#include "SqsHttpCodec.h"

#include "SigV4.h"
#include "SqsActions.h"
#include "SqsJsonCodec.h"
#include "SqsQueryDecoder.h"
#include "SqsQueryEncoder.h"

#include <QRegularExpression>

namespace flowlab {

namespace {

SqsError invalidAction(const QString &action)
{
    return SqsError(SqsErrorCode::InvalidAction,
                    QStringLiteral("The action %1 is not valid for this endpoint.").arg(action));
}

// A request sent to a queue URL's path (/<account>/<queue>) names its queue there; Query
// clients such as the Java SDK v1 then leave QueueUrl out of the parameters.
void fillQueueUrlFromPath(const HttpRequest &http, ApiRequest *out)
{
    if (!sqsActionTakesQueueUrl(out->action) || out->params.contains(QLatin1String("QueueUrl")))
        return;
    static const QRegularExpression queuePath(QStringLiteral("^/[^/]+/[^/]+/?$"));
    const QString path = QString::fromUtf8(QByteArray::fromPercentEncoding(http.path));
    if (!queuePath.match(path).hasMatch())
        return;
    QString trimmed = path;
    if (trimmed.endsWith(QLatin1Char('/')))
        trimmed.chop(1);
    out->params.insert(QStringLiteral("QueueUrl"), QLatin1String("http://") + out->host + trimmed);
}

SqsError decodeJson(const HttpRequest &http, ApiRequest *out)
{
    const QByteArray target = http.header("x-amz-target");
    if (target.isEmpty()) {
        return SqsError(SqsErrorCode::MissingAction,
                        QStringLiteral("The request must contain the header X-Amz-Target "
                                       "(AmazonSQS.<Operation>)."));
    }
    const QString action = SqsJsonCodec::actionFromTarget(target);
    if (action.isEmpty())
        return invalidAction(QString::fromUtf8(target));
    out->action = action;
    if (!isSupportedSqsAction(action))
        return invalidAction(action);
    return SqsJsonCodec::decodeBody(http.body, &out->params);
}

SqsError decodeQuery(const HttpRequest &http, ApiRequest *out)
{
    QList<QPair<QString, QString>> pairs = SqsQueryDecoder::parseForm(http.query);
    if (http.method != "GET")
        pairs += SqsQueryDecoder::parseForm(http.body);
    QString action;
    for (const auto &[name, value] : pairs) {
        if (name == QLatin1String("Action"))
            action = value;
    }
    if (action.isEmpty()) {
        return SqsError(SqsErrorCode::MissingAction,
                        QStringLiteral("The request must contain the parameter Action."));
    }
    out->action = action;
    if (!isSupportedSqsAction(action))
        return invalidAction(action);
    return SqsQueryDecoder::decodeParams(action, pairs, &out->params);
}

} // namespace

WireProtocol SqsHttpCodec::detectProtocol(const HttpRequest &request)
{
    if (request.hasHeader("x-amz-target"))
        return WireProtocol::Json;
    if (request.header("content-type").trimmed().toLower().startsWith("application/x-amz-json"))
        return WireProtocol::Json;
    return WireProtocol::Query;
}

SqsError SqsHttpCodec::decode(const HttpRequest &request, ApiRequest *out)
{
    *out = ApiRequest();
    out->protocol = detectProtocol(request);
    const QByteArray host = request.header("host");
    out->host = QString::fromUtf8(host.isEmpty() ? request.localAuthority : host);
    SigV4Credential credential;
    if (SigV4::parseAuthorization(request.header("authorization"), &credential)) {
        out->accessKey = credential.accessKey;
        out->region = credential.region;
    }

    const SqsError error = out->protocol == WireProtocol::Json ? decodeJson(request, out)
                                                               : decodeQuery(request, out);
    if (error)
        return error;
    fillQueueUrlFromPath(request, out);
    return SqsError();
}

HttpResponse SqsHttpCodec::encode(const ApiRequest &request,
                                  const ApiResponse &response,
                                  const QString &requestId)
{
    if (response.error)
        return encodeError(request.protocol, response.error, requestId);
    HttpResponse http;
    if (request.protocol == WireProtocol::Json) {
        http = HttpResponse(200,
                            SqsJsonCodec::ContentType,
                            SqsJsonCodec::encodeResult(request.action, response.result));
    } else {
        http = HttpResponse(200,
                            QByteArrayLiteral("text/xml"),
                            SqsQueryEncoder::encodeResult(request.action,
                                                          response.result,
                                                          requestId));
    }
    http.headers.append({QByteArrayLiteral("x-amzn-RequestId"), requestId.toLatin1()});
    return http;
}

HttpResponse SqsHttpCodec::encodeError(WireProtocol protocol,
                                       const SqsError &error,
                                       const QString &requestId)
{
    // A default-constructed error would read as success: report it as the server's fault.
    const SqsError actual = error ? error
                                  : SqsError(SqsErrorCode::InternalFailure,
                                             QStringLiteral("No error was given."));
    const int status = sqsErrorInfo(actual.code).httpStatus;
    HttpResponse http;
    if (protocol == WireProtocol::Json) {
        http = HttpResponse(status, SqsJsonCodec::ContentType, SqsJsonCodec::encodeError(actual));
        http.headers.append(
            {QByteArrayLiteral("x-amzn-query-error"), SqsJsonCodec::queryErrorHeader(actual)});
    } else {
        http = HttpResponse(status,
                            QByteArrayLiteral("text/xml"),
                            SqsQueryEncoder::encodeError(actual, requestId));
    }
    http.headers.append({QByteArrayLiteral("x-amzn-RequestId"), requestId.toLatin1()});
    return http;
}

} // namespace flowlab
