#include "SqsActions.h"

namespace flowlab {

const QStringList &supportedSqsActions()
{
    static const QStringList actions = {
        QStringLiteral("CreateQueue"),
        QStringLiteral("GetQueueUrl"),
        QStringLiteral("ListQueues"),
        QStringLiteral("DeleteQueue"),
        QStringLiteral("GetQueueAttributes"),
        QStringLiteral("SetQueueAttributes"),
        QStringLiteral("SendMessage"),
        QStringLiteral("SendMessageBatch"),
        QStringLiteral("ReceiveMessage"),
        QStringLiteral("DeleteMessage"),
        QStringLiteral("DeleteMessageBatch"),
        QStringLiteral("ChangeMessageVisibility"),
        QStringLiteral("ChangeMessageVisibilityBatch"),
        QStringLiteral("PurgeQueue"),
        QStringLiteral("ListDeadLetterSourceQueues"),
        QStringLiteral("TagQueue"),
        QStringLiteral("UntagQueue"),
        QStringLiteral("ListQueueTags"),
    };
    return actions;
}

bool isSupportedSqsAction(const QString &action)
{
    // Action names are case-sensitive, as on AWS.
    return supportedSqsActions().contains(action);
}

bool isVoidSqsAction(const QString &action)
{
    static const QStringList voids = {
        QStringLiteral("DeleteQueue"),
        QStringLiteral("SetQueueAttributes"),
        QStringLiteral("DeleteMessage"),
        QStringLiteral("ChangeMessageVisibility"),
        QStringLiteral("PurgeQueue"),
        QStringLiteral("TagQueue"),
        QStringLiteral("UntagQueue"),
    };
    return voids.contains(action);
}

bool sqsActionTakesQueueUrl(const QString &action)
{
    return action != QLatin1String("CreateQueue") && action != QLatin1String("GetQueueUrl")
           && action != QLatin1String("ListQueues");
}

} // namespace flowlab
