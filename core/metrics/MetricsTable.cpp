#include "MetricsTable.h"

namespace flowlab {

int MetricsTable::addColumn(const QString &name)
{
    m_names.append(name);
    m_columns.emplace_back();
    return int(m_columns.size()) - 1;
}

const std::vector<double> &MetricsTable::column(const QString &name) const
{
    static const std::vector<double> empty;
    const int i = indexOf(name);
    return i < 0 ? empty : m_columns[std::size_t(i)];
}

} // namespace flowlab
