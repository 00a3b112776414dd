#pragma once

#include "sim/SqsErrors.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace flowlab {

/// The two SQS wire protocols (spec/aws-semantics.md §6.1). A request is answered in the
/// protocol it came in.
enum class WireProtocol { Query, Json };

/// One SQS call as the endpoint hands it to the engine, whatever protocol carried it.
struct ApiRequest
{
    /// "SendMessage", ... (from Action= or X-Amz-Target: AmazonSQS.<Op>); one of
    /// supportedSqsActions() whenever the backend sees it.
    QString action;
    WireProtocol protocol = WireProtocol::Query;
    /// ALWAYS in the JSON protocol's request shape (member names of the API reference),
    /// whichever protocol came in: {"QueueUrl": ..., "MessageBody": ..., "DelaySeconds": 0,
    /// "MessageAttributes": {"City": {"DataType": "String", "StringValue": "Any City"}},
    /// "Entries": [{...}, ...], "AttributeNames": ["All"], "Attributes": {"VisibilityTimeout":
    /// "30"}, "tags": {...} (CreateQueue, lower-case), "Tags": {...} (TagQueue), "TagKeys": [...]}.
    /// Query integers become JSON numbers where the JSON model has integer members
    /// (DelaySeconds, MaxNumberOfMessages, WaitTimeSeconds, VisibilityTimeout, MaxResults);
    /// attribute maps stay strings; BinaryValue stays a base64 string in both protocols.
    /// A QueueUrl missing from the params but given as the request path (/<account>/<queue>)
    /// is filled in from the path, as http://<Host header><path>.
    QJsonObject params;
    /// From the SigV4 Authorization credential scope when present ("" otherwise).
    QString accessKey;
    QString region;
    /// The Host header the client used ("127.0.0.1:9324"), for building queue URLs.
    QString host;
};

/// The engine's answer to one ApiRequest.
struct ApiResponse
{
    /// Code + message; None = success.
    SqsError error;
    /// The JSON protocol's output shape: {"QueueUrl": ...}, {"Messages": [...]},
    /// {"Successful": [...], "Failed": [...]}, {"Attributes": {...}},
    /// {"QueueUrls": [...], "NextToken": ...}, {"Tags": {...}}, {"queueUrls": [...]}
    /// (ListDeadLetterSourceQueues uses lower-case queueUrls in JSON); {} for void actions.
    QJsonObject result;
};

/// The engine side: runs a request and answers through `reply`, possibly later (long polls),
/// from any thread. handle() is called on the endpoint's thread and should return quickly
/// (queue the work; do not wait for it there). `reply` may be copied; the first call wins, later calls are ignored.
/// A reply that is destroyed without ever being called answers the client InternalFailure,
/// so a dropped request never hangs a connection.
class SqsBackend
{
public:
    virtual ~SqsBackend() = default;
    virtual void handle(const ApiRequest &request, std::function<void(ApiResponse)> reply) = 0;
};

} // namespace flowlab
