#include <sys/socket.h>
#include <QHostAddress>
#include <QTcpServer>
#include <QtHttpServer/QHttpServer>
