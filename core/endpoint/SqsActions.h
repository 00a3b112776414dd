#pragma once

#include <QString>
#include <QStringList>

namespace flowlab {

/// The SQS actions the endpoint serves (issue 5). Anything else is answered InvalidAction
/// before it reaches the backend.
const QStringList &supportedSqsActions();
bool isSupportedSqsAction(const QString &action);

/// Actions whose output is empty: no <OpResult> element in the Query protocol, `{}` in JSON.
bool isVoidSqsAction(const QString &action);

/// Actions with a QueueUrl member (all but CreateQueue, GetQueueUrl and ListQueues): a Query
/// request sent to the queue URL's path may leave it out of the parameters.
bool sqsActionTakesQueueUrl(const QString &action);

} // namespace flowlab
