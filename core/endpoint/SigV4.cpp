#include "SigV4.h"

#include "PercentDecoding.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <algorithm>
#include <utility>
#include <vector>

namespace flowlab {

namespace {

const char Algorithm[] = "AWS4-HMAC-SHA256";

QByteArray hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
           || c == '_' || c == '.' || c == '~';
}

// RFC 3986 encoding as SigV4 wants it: unreserved characters as they are, everything else
// %XX with upper-case hex; '/' kept when `keepSlash`.
QByteArray uriEncode(const QByteArray &bytes, bool keepSlash)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (char c : bytes) {
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            out += c;
        } else {
            out += '%';
            out += hex[(uchar(c) >> 4) & 0xf];
            out += hex[uchar(c) & 0xf];
        }
    }
    return out;
}

// RFC 3986 §5.2.4 dot-segment removal, also collapsing repeated slashes (as botocore does).
QByteArray normalizePath(const QByteArray &path)
{
    if (path.isEmpty())
        return QByteArrayLiteral("/");
    QList<QByteArray> output;
    for (const QByteArray &segment : path.split('/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!output.isEmpty())
                output.removeLast();
        } else {
            output.append(segment);
        }
    }
    QByteArray result = path.startsWith('/') ? QByteArrayLiteral("/") : QByteArray();
    result += output.join('/');
    if (path.endsWith('/') && !output.isEmpty())
        result += '/';
    return result;
}

// Header values as canonical headers want them: trimmed, runs of blanks made one space.
QByteArray canonicalHeaderValue(const QByteArray &value)
{
    return value.simplified();
}

} // namespace

QString SigV4Credential::scope() const
{
    return date + QLatin1Char('/') + region + QLatin1Char('/') + service
           + QLatin1String("/aws4_request");
}

bool SigV4::parseAuthorization(const QByteArray &value, SigV4Credential *credential)
{
    const QByteArray trimmed = value.trimmed();
    if (!trimmed.startsWith(Algorithm) || trimmed.size() <= int(sizeof(Algorithm) - 1)
        || trimmed[sizeof(Algorithm) - 1] != ' ') {
        return false;
    }
    SigV4Credential result;
    bool haveCredential = false;
    bool haveHeaders = false;
    bool haveSignature = false;
    for (const QByteArray &rawPart : trimmed.mid(sizeof(Algorithm)).split(',')) {
        const QByteArray part = rawPart.trimmed();
        const qsizetype equals = part.indexOf('=');
        if (equals <= 0)
            continue;
        const QByteArray key = part.left(equals).trimmed();
        const QByteArray text = part.mid(equals + 1).trimmed();
        if (key == "Credential") {
            const QList<QByteArray> scope = text.split('/');
            if (scope.size() != 5 || scope[0].isEmpty() || scope[4] != "aws4_request")
                return false;
            result.accessKey = QString::fromUtf8(scope[0]);
            result.date = QString::fromUtf8(scope[1]);
            result.region = QString::fromUtf8(scope[2]);
            result.service = QString::fromUtf8(scope[3]);
            haveCredential = true;
        } else if (key == "SignedHeaders") {
            for (const QByteArray &name : text.split(';')) {
                if (!name.isEmpty())
                    result.signedHeaders.append(name.toLower());
            }
            haveHeaders = !result.signedHeaders.isEmpty();
        } else if (key == "Signature") {
            result.signature = text.toLower();
            haveSignature = !text.isEmpty();
        }
    }
    if (!haveCredential || !haveHeaders || !haveSignature)
        return false;
    *credential = result;
    return true;
}

QByteArray SigV4::canonicalUri(const QByteArray &encodedPath)
{
    return uriEncode(normalizePath(encodedPath), true);
}

QByteArray SigV4::canonicalQueryString(const QByteArray &encodedQuery)
{
    if (encodedQuery.isEmpty())
        return QByteArray();
    std::vector<std::pair<QByteArray, QByteArray>> pairs;
    for (const QByteArray &pair : encodedQuery.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QByteArray key = equals < 0 ? pair : pair.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        pairs.emplace_back(uriEncode(percentDecode(key, false), false),
                           uriEncode(percentDecode(value, false), false));
    }
    std::sort(pairs.begin(), pairs.end());
    QByteArray out;
    for (const auto &[key, value] : pairs) {
        if (!out.isEmpty())
            out += '&';
        out += key;
        out += '=';
        out += value;
    }
    return out;
}

QByteArray SigV4::canonicalRequest(const HttpRequest &request,
                                   const QList<QByteArray> &signedHeaders)
{
    QByteArray out = request.method.toUpper();
    out += '\n';
    out += canonicalUri(request.path);
    out += '\n';
    out += canonicalQueryString(request.query);
    out += '\n';
    for (const QByteArray &name : signedHeaders) {
        QList<QByteArray> values;
        for (const QByteArray &value : request.headerValues(name))
            values.append(canonicalHeaderValue(value));
        out += name;
        out += ':';
        out += values.join(',');
        out += '\n';
    }
    out += '\n';
    out += signedHeaders.join(';');
    out += '\n';
    const QByteArray contentSha = request.header("x-amz-content-sha256");
    out += contentSha.isEmpty() ? sha256Hex(request.body) : contentSha;
    return out;
}

QByteArray SigV4::stringToSign(const QByteArray &amzDate,
                               const QString &scope,
                               const QByteArray &canonicalRequest)
{
    QByteArray out(Algorithm);
    out += '\n';
    out += amzDate;
    out += '\n';
    out += scope.toUtf8();
    out += '\n';
    out += sha256Hex(canonicalRequest);
    return out;
}

QByteArray SigV4::signingKey(const QString &secretKey,
                             const QString &date,
                             const QString &region,
                             const QString &service)
{
    const QByteArray dateKey = hmac("AWS4" + secretKey.toUtf8(), date.toUtf8());
    const QByteArray regionKey = hmac(dateKey, region.toUtf8());
    const QByteArray serviceKey = hmac(regionKey, service.toUtf8());
    return hmac(serviceKey, QByteArrayLiteral("aws4_request"));
}

QByteArray SigV4::computeSignature(const HttpRequest &request,
                                   const SigV4Credential &credential,
                                   const QString &secretKey)
{
    const QByteArray canonical = canonicalRequest(request, credential.signedHeaders);
    const QByteArray toSign = stringToSign(request.header("x-amz-date"),
                                           credential.scope(),
                                           canonical);
    const QByteArray key
        = signingKey(secretKey, credential.date, credential.region, credential.service);
    return hmac(key, toSign).toHex();
}

SqsError SigV4::verify(const HttpRequest &request, const QHash<QString, QString> &secretKeys)
{
    const QByteArray authorization = request.header("authorization");
    if (authorization.isEmpty()) {
        return SqsError(SqsErrorCode::AccessDenied,
                        QStringLiteral("Request is missing Authentication Token: sign it with "
                                       "AWS Signature Version 4 in the Authorization header."));
    }
    SigV4Credential credential;
    if (!parseAuthorization(authorization, &credential)) {
        return SqsError(SqsErrorCode::AccessDenied,
                        QStringLiteral("Authorization header requires 'Credential', "
                                       "'SignedHeaders' and 'Signature' (AWS4-HMAC-SHA256)."));
    }
    const auto secret = secretKeys.constFind(credential.accessKey);
    if (secret == secretKeys.constEnd()) {
        return SqsError(SqsErrorCode::InvalidClientTokenId,
                        QStringLiteral("The security token included in the request is invalid."));
    }
    if (request.header("x-amz-date").isEmpty()) {
        return SqsError(SqsErrorCode::SignatureDoesNotMatch,
                        QStringLiteral("The request has no X-Amz-Date header to sign with."));
    }
    const QByteArray expected = computeSignature(request, credential, secret.value());
    // Compare every byte, whatever the first difference, so timing reveals nothing.
    bool same = expected.size() == credential.signature.size();
    char difference = 0;
    for (qsizetype i = 0; same && i < expected.size(); ++i)
        difference |= char(expected[i] ^ credential.signature[i]);
    if (!same || difference != 0) {
        return SqsError(SqsErrorCode::SignatureDoesNotMatch,
                        QStringLiteral("The request signature we calculated does not match the "
                                       "signature you provided. Check your AWS Secret Access "
                                       "Key and signing method. Consult the service "
                                       "documentation for details."));
    }
    return SqsError();
}

void SigV4::sign(HttpRequest *request,
                 const QString &accessKey,
                 const QString &secretKey,
                 const QString &region,
                 const QString &service,
                 const QByteArray &amzDate)
{
    auto setHeader = [request](const QByteArray &name, const QByteArray &value) {
        for (auto &field : request->headers) {
            if (field.first == name) {
                field.second = value;
                return;
            }
        }
        request->headers.append({name, value});
    };
    setHeader("x-amz-date", amzDate);
    SigV4Credential credential;
    credential.accessKey = accessKey;
    credential.date = QString::fromLatin1(amzDate.left(8));
    credential.region = region;
    credential.service = service;
    for (const QByteArray &name :
         {QByteArray("content-type"), QByteArray("host"), QByteArray("x-amz-date")}) {
        if (request->hasHeader(name))
            credential.signedHeaders.append(name);
    }
    credential.signature = computeSignature(*request, credential, secretKey);
    setHeader("authorization",
              QByteArray(Algorithm) + " Credential=" + accessKey.toUtf8() + '/'
                  + credential.scope().toUtf8() + ", SignedHeaders="
                  + credential.signedHeaders.join(';') + ", Signature=" + credential.signature);
}

} // namespace flowlab
