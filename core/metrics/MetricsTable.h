#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace flowlab {

/// One node's metrics over virtual time: a column per metric (CloudWatch names where one
/// exists), a row per sampling interval. Rows line up with Engine::sampleTimes().
///
/// A column is kept in chunks of kChunk values: appending never moves the values already
/// there. (As one std::vector per column, every doubling copied a column into freshly
/// mapped memory: in a long run about half of the process's page faults, a few percent of
/// its time.)
class MetricsTable
{
public:
    /// Declares a column; returns its index. Declare all columns before the first row.
    int addColumn(const QString &name);
    void append(int column, double value)
    {
        Column &c = m_columns[std::size_t(column)];
        if (c.size % kChunk == 0)
            addChunk(c);
        c.chunks.back().push_back(value);
        ++c.size;
    }

    int columnCount() const { return int(m_names.size()); }
    const QStringList &names() const { return m_names; }
    int indexOf(const QString &name) const { return int(m_names.indexOf(name)); }
    /// The value of one row of a column (row < columnSize(column)).
    double value(int column, std::size_t row) const
    {
        return m_columns[std::size_t(column)].chunks[row / kChunk][row % kChunk];
    }
    std::size_t columnSize(int column) const { return m_columns[std::size_t(column)].size; }
    /// A copy of a column's values.
    std::vector<double> column(int i) const;
    /// A copy of the column with that name; empty when there is none.
    std::vector<double> column(const QString &name) const;
    std::size_t rowCount() const { return m_columns.empty() ? 0 : m_columns.front().size; }

private:
    static constexpr std::size_t kChunk = 1024; ///< values per chunk (8 KB)
    struct Column
    {
        std::vector<std::vector<double>> chunks; ///< all full but the last
        std::size_t size = 0;
    };
    static void addChunk(Column &c);

    QStringList m_names;
    std::vector<Column> m_columns;
};

} // namespace flowlab
