#include "NodeText.h"

#include "CanvasStyle.h"

#include <QLocale>

#include <cmath>

namespace flowlab {

namespace {
QString str(const char *text)
{
    return QString::fromUtf8(text);
}

int intSetting(const Node &node, const char *key)
{
    return node.setting(QString::fromLatin1(key)).toInt();
}

double doubleSetting(const Node &node, const char *key)
{
    return node.setting(QString::fromLatin1(key)).toDouble();
}

QString enumSetting(const Node &node, const char *key)
{
    return node.setting(QString::fromLatin1(key)).toString();
}

QString capitalized(QString text)
{
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

// Trims "2.0" to "2" and keeps at most `decimals` decimals.
QString shortDecimal(double value, int decimals)
{
    QString s = QString::number(value, 'f', decimals);
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
}
} // namespace

QString NodeText::subtitle(const Node &node, bool compact)
{
    switch (node.kind) {
    case NodeKind::SqsQueue: {
        const bool fifo = node.setting(QStringLiteral("fifo")).toBool();
        return str(compact ? "%1 · %2 visibility" : "%1 queue · %2 visibility")
            .arg(fifo ? str("FIFO") : str("Standard"),
                 duration(intSetting(node, "visibilityTimeout")));
    }
    case NodeKind::Producer: {
        const QString pattern = enumSetting(node, "pattern");
        const QString rateText = rate(doubleSetting(node, "rate"));
        if (pattern == QLatin1String("spike"))
            return str("Spike · %1 → %2")
                .arg(shortDecimal(doubleSetting(node, "rate"), 2),
                     rate(doubleSetting(node, "spikeRate")));
        return str("%1 · %2").arg(capitalized(pattern), rateText);
    }
    case NodeKind::ConsumerGroup:
        return str("%1 × %2 workers")
            .arg(intSetting(node, "instances"))
            .arg(intSetting(node, "concurrency"));
    case NodeKind::SqsClient:
        return compact ? str("Real client") : str("Real client of the local endpoint");
    }
    return QString();
}

QVector<FigureColumn> NodeText::staticColumns(const Node &node)
{
    switch (node.kind) {
    case NodeKind::SqsQueue:
        return {
            {duration(intSetting(node, "messageRetentionPeriod")), str("retention"), {}, false},
            {duration(intSetting(node, "delaySeconds")), str("delay"), {}, false},
            {duration(intSetting(node, "receiveMessageWaitTimeSeconds")),
             str("poll wait"),
             {},
             false},
        };
    case NodeKind::Producer: {
        const int minSize = intSetting(node, "bodySizeMin");
        const int maxSize = intSetting(node, "bodySizeMax");
        const QString size = minSize == maxSize ? bytes(minSize) : str("≤ %1").arg(bytes(maxSize));
        return {
            {size, str("size"), {}, false},
            {QString::number(intSetting(node, "batchSize")), str("batch"), {}, false},
            {compactNumber(intSetting(node, "messageGroups")), str("groups"), {}, false},
        };
    }
    case NodeKind::ConsumerGroup:
        return {
            {duration(doubleSetting(node, "processingMean")), str("processing"), {}, false},
            {QString::number(intSetting(node, "batchSize")), str("batch"), {}, false},
            {duration(intSetting(node, "waitTimeSeconds")), str("poll wait"), {}, false},
        };
    case NodeKind::SqsClient:
        return {}; // nothing to set: the client decides what it does
    }
    return {};
}

QVector<FigureColumn> NodeText::liveColumns(const Node &node, const QVector<Counter> &counters)
{
    auto value = [&](const char *name) { return counter(counters, QString::fromLatin1(name)); };
    switch (node.kind) {
    case NodeKind::SqsQueue:
        return {
            {compactNumber(value("visible")), str("visible"), CanvasStyle::gaugeVisible(), false},
            {compactNumber(value("inFlight")), str("in flight"), CanvasStyle::gaugeInFlight(), false},
            {compactNumber(value("delayed")), str("delayed"), CanvasStyle::gaugeDelayed(), false},
        };
    case NodeKind::Producer:
        return {
            {compactNumber(value("sent")), str("sent"), {}, false},
            {rate(value("rate")).section(QLatin1Char(' '), 0, 0), str("msg/s"), {}, false},
            {compactNumber(value("failed")), str("failed"), {}, value("failed") > 0},
        };
    case NodeKind::ConsumerGroup:
        return {
            {str("%1/%2").arg(compactNumber(value("busy")), compactNumber(value("workers"))),
             str("busy"),
             CanvasStyle::kindColor(NodeKind::ConsumerGroup),
             false},
            {compactNumber(value("processed")), str("processed"), {}, false},
            {compactNumber(value("duplicates")), str("duplicates"), {}, false},
        };
    case NodeKind::SqsClient:
        return {
            {compactNumber(value("sent")), str("sent"), {}, false},
            {compactNumber(value("received")), str("received"), {}, false},
            {compactNumber(value("deleted")), str("deleted"), {}, false},
        };
    }
    return {};
}

QStringList NodeText::alerts(const Node &node, const QVector<Counter> &counters)
{
    QStringList out;
    auto add = [&](const char *name, const char *text) {
        const double v = counter(counters, QString::fromLatin1(name));
        if (v > 0)
            out.append(str(text).arg(compactNumber(v)));
    };
    switch (node.kind) {
    case NodeKind::SqsQueue:
        add("movedToDlq", "%1 to DLQ");
        add("expired", "%1 expired");
        break;
    case NodeKind::Producer:
        add("throttled", "%1 throttled");
        break;
    case NodeKind::ConsumerGroup:
        add("crashes", "%1 crashed");
        break;
    case NodeKind::SqsClient:
        break;
    }
    return out;
}

QString NodeText::toolTip(const Node &node, const QVector<Counter> &counters)
{
    QString html = str("<b>%1</b> <span style='color:#64748B'>%2</span><br>%3")
                       .arg(node.name.toHtmlEscaped(),
                            nodeKindDisplayName(node.kind),
                            subtitle(node).toHtmlEscaped());
    if (counters.isEmpty()) {
        const QString hint = node.kind == NodeKind::SqsQueue
                                 ? str("Run the simulation to see its live figures here. "
                                       "View ▸ Queue Messages lists its messages.")
                                 : str("Run the simulation to see its live figures here.");
        return html + str("<br><i style='color:#64748B'>%1</i>").arg(hint.toHtmlEscaped());
    }
    html += str("<br><b>%1</b>").arg(liveSummary(node, counters).toHtmlEscaped());

    static const QHash<QString, QString> labels = {
        {str("visible"), str("Visible")},
        {str("inFlight"), str("In flight")},
        {str("delayed"), str("Delayed")},
        {str("sent"), str("Sent")},
        {str("received"), str("Received")},
        {str("deleted"), str("Deleted")},
        {str("movedToDlq"), str("Moved to DLQ")},
        {str("expired"), str("Expired")},
        {str("ageOfOldest"), str("Age of oldest")},
        {str("failed"), str("Failed")},
        {str("throttled"), str("Throttled")},
        {str("rate"), str("Rate")},
        {str("workers"), str("Workers")},
        {str("busy"), str("Busy")},
        {str("processed"), str("Processed")},
        {str("duplicates"), str("Duplicates")},
        {str("crashes"), str("Crashes")},
        {str("requests"), str("Requests")},
    };
    const QLocale locale;
    html += str("<table style='margin-top:4px'>");
    for (const Counter &c : counters) {
        QString value;
        if (c.name == QLatin1String("ageOfOldest"))
            value = duration(c.value);
        else if (c.name == QLatin1String("rate"))
            value = rate(c.value);
        else
            value = locale.toString(qint64(std::llround(c.value)));
        html += str("<tr><td style='color:#64748B;padding-right:12px'>%1</td>"
                    "<td align='right'>%2</td></tr>")
                    .arg(labels.value(c.name, c.name), value);
    }
    html += str("</table>");
    return html;
}

QString NodeText::liveSummary(const Node &node, const QVector<Counter> &counters)
{
    const QLocale locale;
    auto count = [&](const char *name) {
        return locale.toString(qint64(std::llround(counter(counters, QString::fromLatin1(name)))));
    };
    switch (node.kind) {
    case NodeKind::SqsQueue:
        return str("Visible %1 · In flight %2 · Delayed %3 · Oldest %4")
            .arg(count("visible"),
                 count("inFlight"),
                 count("delayed"),
                 duration(counter(counters, str("ageOfOldest"))));
    case NodeKind::Producer:
        return str("Sent %1 · %2 · Failed %3")
            .arg(count("sent"), rate(counter(counters, str("rate"))), count("failed"));
    case NodeKind::ConsumerGroup:
        return str("Busy %1 of %2 · Processed %3 · Duplicates %4")
            .arg(count("busy"), count("workers"), count("processed"), count("duplicates"));
    case NodeKind::SqsClient:
        return str("Sent %1 · Received %2 · Deleted %3")
            .arg(count("sent"), count("received"), count("deleted"));
    }
    return {};
}

double NodeText::counter(const QVector<Counter> &counters, const QString &name, double fallback)
{
    for (const Counter &c : counters) {
        if (c.name == name)
            return c.value;
    }
    return fallback;
}

QString NodeText::compactNumber(double value)
{
    const double a = std::fabs(value);
    if (a < 1000)
        return QString::number(std::llround(value));
    if (a < 10000)
        return shortDecimal(value / 1000, 1) + QLatin1Char('k');
    if (a < 1e6)
        return QString::number(std::llround(value / 1000)) + QLatin1Char('k');
    if (a < 1e7)
        return shortDecimal(value / 1e6, 1) + QLatin1Char('M');
    if (a < 1e9)
        return QString::number(std::llround(value / 1e6)) + QLatin1Char('M');
    return shortDecimal(value / 1e9, 1) + QLatin1Char('G');
}

QString NodeText::duration(double seconds)
{
    if (seconds <= 0)
        return str("0 s");
    if (seconds < 1)
        return str("%1 ms").arg(shortDecimal(seconds * 1000, seconds < 0.01 ? 2 : 0));
    if (seconds < 60)
        return str("%1 s").arg(shortDecimal(seconds, seconds < 10 ? 2 : 1));
    if (seconds < 3600)
        return str("%1 min").arg(shortDecimal(seconds / 60, 1));
    if (seconds < 86400)
        return str("%1 h").arg(shortDecimal(seconds / 3600, 1));
    return str("%1 d").arg(shortDecimal(seconds / 86400, 1));
}

QString NodeText::rate(double perSecond)
{
    QString number;
    if (perSecond < 10)
        number = shortDecimal(perSecond, 1);
    else if (perSecond < 10000)
        number = QString::number(std::llround(perSecond));
    else
        number = compactNumber(perSecond);
    return str("%1 msg/s").arg(number);
}

QString NodeText::bytes(double count)
{
    if (count < 1024)
        return str("%1 B").arg(std::llround(count));
    if (count < 1024 * 1024)
        return str("%1 KiB").arg(shortDecimal(count / 1024, 1));
    return str("%1 MiB").arg(shortDecimal(count / (1024 * 1024), 1));
}

} // namespace flowlab
