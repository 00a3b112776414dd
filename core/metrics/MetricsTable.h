#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace flowlab {

/// One node's metrics over virtual time: a column per metric (CloudWatch names where one
/// exists), a row per sampling interval. Rows line up with Engine::sampleTimes().
class MetricsTable
{
public:
    /// Declares a column; returns its index. Declare all columns before the first row.
    int addColumn(const QString &name);
    void append(int column, double value) { m_columns[std::size_t(column)].push_back(value); }

    int columnCount() const { return int(m_names.size()); }
    const QStringList &names() const { return m_names; }
    int indexOf(const QString &name) const { return int(m_names.indexOf(name)); }
    const std::vector<double> &column(int i) const { return m_columns[std::size_t(i)]; }
    /// The column with that name; empty when there is none.
    const std::vector<double> &column(const QString &name) const;
    std::size_t rowCount() const { return m_columns.empty() ? 0 : m_columns.front().size(); }

private:
    QStringList m_names;
    std::vector<std::vector<double>> m_columns;
};

} // namespace flowlab
