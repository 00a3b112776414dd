// The endpoint may use the network, but it is no GUI either.
#include <QImage>
#include <QTcpServer>
