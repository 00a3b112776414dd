#pragma once

#include <QComboBox>

namespace flowlab {

/// The run speed: 0.1× to 1000× in the usual steps, and "As fast as possible" (speed 0).
class SpeedComboBox : public QComboBox
{
    Q_OBJECT

public:
    explicit SpeedComboBox(QWidget *parent = nullptr);

    /// The chosen speed: virtual seconds per wall second, 0 for as fast as possible.
    double speed() const;
    /// Shows the step nearest to `speed` (0 selects "As fast as possible"), without
    /// emitting speedPicked().
    void setSpeed(double speed);

    /// The steps offered, slowest first (without the 0 of "As fast as possible").
    static QList<double> steps();

signals:
    /// The person picked a speed.
    void speedPicked(double speed);
};

} // namespace flowlab
