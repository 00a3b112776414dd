#pragma once

#include "runner/QueuePeek.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace flowlab {

/// Sorts the peek table by the numbers behind the cells and filters it by state and by text
/// (message id or group, case-insensitive).
class PeekFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit PeekFilterModel(QObject *parent = nullptr);

    /// Only messages in this state (nullopt: all).
    void setStateFilter(std::optional<PeekState> state);
    std::optional<PeekState> stateFilter() const { return m_state; }
    /// Only messages whose id ("m-12") or group contains `text` (case-insensitive).
    void setTextFilter(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    std::optional<PeekState> m_state;
    QString m_text;
};

} // namespace flowlab
