#pragma once

#include <QTextBlock>
#include <QWidget>
#include <QtCore/QObject>

class Bad : public QObject
{};
