#include "Net.h"

#include "qpainter.h"
#include <netinet/in.h>
#include <QColor>
#include <QtNetwork/QTcpSocket>

// The check must also see an include written with blanks around the '#'.
// clang-format off
#  include <sys/socket.h>
// clang-format on

#include <QString>
