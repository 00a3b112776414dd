#include "MetricsTable.h"

namespace flowlab {

int MetricsTable::addColumn(const QString &name)
{
    m_names.append(name);
    m_columns.emplace_back();
    return int(m_columns.size()) - 1;
}

void MetricsTable::addChunk(Column &c)
{
    c.chunks.emplace_back();
    c.chunks.back().reserve(kChunk);
}

std::vector<double> MetricsTable::column(int i) const
{
    const Column &c = m_columns[std::size_t(i)];
    std::vector<double> values;
    values.reserve(c.size);
    for (const std::vector<double> &chunk : c.chunks)
        values.insert(values.end(), chunk.begin(), chunk.end());
    return values;
}

std::vector<double> MetricsTable::column(const QString &name) const
{
    const int i = indexOf(name);
    return i < 0 ? std::vector<double>() : column(i);
}

} // namespace flowlab
