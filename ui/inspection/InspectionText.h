#pragma once

#include "runner/MessagePassport.h"
#include "runner/QueuePeek.h"

#include <QString>

namespace flowlab {

class Diagram;

/// The words the inspection docks use, in one place so the peek table, the passport and
/// the canvas say the same thing: messages are "m-<id>" (the engine's id; the SQS
/// MessageId a client gets is shown in the passport), states are "visible", "in flight",
/// "delayed".
class InspectionText
{
public:
    static QString messageLabel(quint64 message);
    static QString stateName(PeekState state);
    /// "4.2 s", "3 min 5 s", "2 h 10 min": an age or a span of virtual time.
    static QString span(SimTime t);
    /// A node's name in `diagram`, or "node <id>" when it is gone; "" for 0.
    static QString nodeName(const Diagram &diagram, int nodeId);

    /// What a passport entry says happened ("Received", "Visible again", ...).
    static QString eventName(const PassportEntry &e);
    /// The other party or the detail of an entry: the sender, the receiver, the worker,
    /// the dead-letter queue.
    static QString eventDetail(const PassportEntry &e, const Diagram &diagram);
    /// The receive count an entry tells, or -1.
    static int receiveCount(const PassportEntry &e);
};

} // namespace flowlab
