#pragma once

#include "HttpRequest.h"
#include "sim/SqsErrors.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace flowlab {

/// The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=<AKID>/<date>/<region>/
/// <service>/aws4_request, SignedHeaders=..., Signature=...` header.
struct SigV4Credential
{
    QString accessKey;
    QString date; ///< yyyyMMdd of the credential scope
    QString region;
    QString service;
    QList<QByteArray> signedHeaders; ///< lower-case names, in the header's order
    QByteArray signature;            ///< lower-case hex

    QString scope() const;
};

/// AWS Signature Version 4 for requests signed in the Authorization header (spec §6.9):
/// reading the credential scope (access key and region) and, when the endpoint is given
/// keys, checking the signature. Follows the AWS SigV4 documentation as botocore implements
/// it: the canonical URI is the normalised path URI-encoded once more (so "%2F" is signed
/// as "%252F"), query parameters are decoded and re-encoded RFC 3986 style and sorted, and
/// the payload hash is the x-amz-content-sha256 header when present.
class SigV4
{
public:
    /// Reads an Authorization header; false when it is not a complete AWS4-HMAC-SHA256 one.
    static bool parseAuthorization(const QByteArray &value, SigV4Credential *credential);

    static QByteArray canonicalUri(const QByteArray &encodedPath);
    static QByteArray canonicalQueryString(const QByteArray &encodedQuery);
    static QByteArray canonicalRequest(const HttpRequest &request,
                                       const QList<QByteArray> &signedHeaders);
    static QByteArray stringToSign(const QByteArray &amzDate,
                                   const QString &scope,
                                   const QByteArray &canonicalRequest);
    static QByteArray signingKey(const QString &secretKey,
                                 const QString &date,
                                 const QString &region,
                                 const QString &service);
    /// Lower-case hex signature of `request` under the credential's scope and signed headers,
    /// with the request's X-Amz-Date.
    static QByteArray computeSignature(const HttpRequest &request,
                                       const SigV4Credential &credential,
                                       const QString &secretKey);

    /// Checks the request's signature against `secretKeys` (access key → secret key).
    /// AccessDenied (403) when the request is not signed with an Authorization header,
    /// InvalidClientTokenId (403) for an unknown access key, SignatureDoesNotMatch (403)
    /// when the signature is wrong. The request time is not checked (a simulator's clock).
    static SqsError verify(const HttpRequest &request, const QHash<QString, QString> &secretKeys);

    /// Signs `request` (for tests and tools): sets X-Amz-Date to `amzDate` (yyyyMMddTHHmmssZ)
    /// and the Authorization header, signing host, x-amz-date and content-type if present.
    static void sign(HttpRequest *request,
                     const QString &accessKey,
                     const QString &secretKey,
                     const QString &region,
                     const QString &service,
                     const QByteArray &amzDate);
};

} // namespace flowlab
