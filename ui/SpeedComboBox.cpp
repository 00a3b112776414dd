#include "SpeedComboBox.h"

#include "RunController.h"

#include <QSignalBlocker>

#include <cmath>

namespace flowlab {

SpeedComboBox::SpeedComboBox(QWidget *parent)
    : QComboBox(parent)
{
    setObjectName(QStringLiteral("speed"));
    setToolTip(tr("Simulation speed: virtual seconds per second of wall time"));
    for (double s : steps())
        addItem(RunController::formatSpeed(s), s);
    addItem(tr("As fast as possible"), 0.0);
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setSpeed(1.0);
    connect(this, &QComboBox::activated, this, [this] { emit speedPicked(speed()); });
}

QList<double> SpeedComboBox::steps()
{
    return {0.1, 0.25, 0.5, 1, 2, 5, 10, 50, 100, 1000};
}

double SpeedComboBox::speed() const
{
    return currentData().toDouble();
}

void SpeedComboBox::setSpeed(double speed)
{
    const QSignalBlocker blocker(this);
    if (!(speed > 0)) {
        setCurrentIndex(count() - 1);
        return;
    }
    // The nearest step on a log scale: 3× is nearer to 2× than to 5×.
    int best = 0;
    double bestDistance = INFINITY;
    for (int i = 0; i < count() - 1; ++i) {
        const double distance = std::abs(std::log(itemData(i).toDouble() / speed));
        if (distance < bestDistance) {
            bestDistance = distance;
            best = i;
        }
    }
    setCurrentIndex(best);
}

} // namespace flowlab
