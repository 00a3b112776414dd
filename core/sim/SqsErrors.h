#pragma once

#include <QString>

namespace flowlab {

/// SQS error codes (spec/aws-semantics.md §1.16). The engine returns these; the endpoint
/// turns them into the JSON `__type` shape name or the Query `<Code>` with the HTTP status.
enum class SqsErrorCode {
    None,
    QueueDoesNotExist,
    QueueNameExists,
    QueueDeletedRecently,
    ReceiptHandleIsInvalid,
    MessageNotInflight,
    PurgeQueueInProgress,
    OverLimit,
    TooManyEntriesInBatchRequest,
    EmptyBatchRequest,
    BatchEntryIdsNotDistinct,
    BatchRequestTooLong,
    InvalidBatchEntryId,
    UnsupportedOperation,
    InvalidAttributeName,
    InvalidAttributeValue,
    InvalidMessageContents,
    RequestThrottled,
    ResourceNotFoundException,
    InvalidParameterValue,
    MissingParameter,
    InvalidParameterCombination,
    InvalidAction,
    MissingAction,
    AccessDenied,
    InvalidClientTokenId,
    SignatureDoesNotMatch,
    InternalFailure,
    ServiceUnavailable,
};

struct SqsErrorInfo
{
    const char *shapeName; ///< JSON protocol `__type` suffix (com.amazonaws.sqs#<shape>)
    const char *queryCode; ///< Query protocol <Code> and x-amzn-query-error code
    int httpStatus;
    bool senderFault; ///< "Sender" or "Receiver" in x-amzn-query-error
};

const SqsErrorInfo &sqsErrorInfo(SqsErrorCode code);

/// An error with its message text; a default-constructed one means success.
struct SqsError
{
    SqsErrorCode code = SqsErrorCode::None;
    QString message;

    SqsError() = default;
    SqsError(SqsErrorCode c, QString text)
        : code(c)
        , message(std::move(text))
    {}
    bool ok() const { return code == SqsErrorCode::None; }
    explicit operator bool() const { return code != SqsErrorCode::None; }
};

} // namespace flowlab
