#include "SqsErrors.h"

namespace flowlab {

const SqsErrorInfo &sqsErrorInfo(SqsErrorCode code)
{
    // Shape names, query codes and HTTP statuses from spec §1.16 (the last Query-protocol
    // model for the statuses). RequestThrottled's status is unverified there: 400 here.
    static const SqsErrorInfo table[] = {
        {"", "", 200, true},
        {"QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", 400, true},
        {"QueueNameExists", "QueueAlreadyExists", 400, true},
        {"QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently", 400, true},
        {"ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", 400, true},
        {"MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", 400, true},
        {"PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", 403, true},
        {"OverLimit", "OverLimit", 403, true},
        {"TooManyEntriesInBatchRequest",
         "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
         400,
         true},
        {"EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", 400, true},
        {"BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400, true},
        {"BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", 400, true},
        {"InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId", 400, true},
        {"UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", 400, true},
        {"InvalidAttributeName", "InvalidAttributeName", 400, true},
        {"InvalidAttributeValue", "InvalidAttributeValue", 400, true},
        {"InvalidMessageContents", "InvalidMessageContents", 400, true},
        {"RequestThrottled", "RequestThrottled", 400, true},
        {"ResourceNotFoundException", "ResourceNotFoundException", 404, true},
        {"InvalidParameterValue", "InvalidParameterValue", 400, true},
        {"MissingParameter", "MissingParameter", 400, true},
        {"InvalidParameterCombination", "InvalidParameterCombination", 400, true},
        {"InvalidAction", "InvalidAction", 400, true},
        {"MissingAction", "MissingAction", 400, true},
        {"AccessDenied", "AccessDenied", 403, true},
        {"InvalidClientTokenId", "InvalidClientTokenId", 403, true},
        {"SignatureDoesNotMatch", "SignatureDoesNotMatch", 403, true},
        {"InternalFailure", "InternalFailure", 500, false},
        {"ServiceUnavailable", "ServiceUnavailable", 503, false},
    };
    static_assert(sizeof(table) / sizeof(table[0]) == int(SqsErrorCode::ServiceUnavailable) + 1,
                  "one row per SqsErrorCode");
    return table[int(code)];
}

} // namespace flowlab
