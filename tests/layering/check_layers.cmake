# Checks the layering rule of DESIGN.md: flowlab_core links Qt6::Core only, so nothing under
# core/ includes a widget, GUI, chart, SVG, network or socket header, and no CMake file there
# links such a Qt module. core/endpoint/ (flowlab_endpoint) may use Qt6::Network, sockets and
# QtHttpServer, but still nothing of the GUI.
#
# Usage: cmake -DROOT=<repository root> [-DQT_INCLUDE_DIR=<Qt's include folder>]
#              -P check_layers.cmake
#
# Two ways find a forbidden header: the lists below (module names, class names and prefixes,
# socket headers), and, when QT_INCLUDE_DIR is given (tests/layering/CMakeLists.txt passes
# the one the build uses), the installed Qt itself: a header that exists in a forbidden
# module's folder and not in QtCore's is forbidden. The lists make the check work anywhere;
# the lookup makes it exact for every class of the installed modules.
#
# Fails (exit status 1) listing file:line for each forbidden include or link. Every file
# under ROOT/core is read, whatever its extension. A line counts when it starts with
# `#include` (spaces allowed around the `#`); `// #include <QWidget>` does not.

cmake_minimum_required(VERSION 3.21)

if(NOT DEFINED ROOT)
    message(FATAL_ERROR "check_layers: pass the repository root: "
        "cmake -DROOT=<dir> -P ${CMAKE_CURRENT_LIST_FILE}")
endif()
get_filename_component(ROOT "${ROOT}" ABSOLUTE)
if(NOT IS_DIRECTORY "${ROOT}/core")
    message(FATAL_ERROR "check_layers: ${ROOT}/core is not a folder")
endif()

# Header names are compared in lower case with any ".h" dropped, so <QWidget>, <qwidget.h>
# and <QtWidgets/QWidget> are all caught. Each list below is joined into one regex.
#
# Qt modules other than QtCore (QtConcurrent builds on QtCore alone, so it is allowed):
set(GUI_MODULES
    qtgui qtwidgets qtopengl qtopenglwidgets qtsvg qtsvgwidgets qtcharts qtprintsupport
    qtquick qtquickwidgets qtqml qtmultimedia qtdatavisualization)
set(NET_MODULES
    qtnetwork qthttpserver qtwebsockets)
# Prefixes of class names that live in those modules (none matches a QtCore class):
set(GUI_FAMILIES
    qgraphics qpaint qopengl qstyle qundo qabstractbutton qabstractslider qabstractspinbox
    qabstractitemview qabstractscrollarea qchart qsvg qxyseries qlineseries qscatterseries
    qbarseries qpieseries qvalueaxis qcategoryaxis qdatetimeaxis qlogvalueaxis)
set(NET_FAMILIES
    qnetwork qtcp qudp qssl qsctp qdns qhttp qwebsocket qlocalsocket qlocalserver
    qabstractsocket qhostaddress qhostinfo qauthenticator)
# Single classes of QtGui and QtWidgets:
set(GUI_CLASSES
    qwidget qapplication qguiapplication qmainwindow qdialog qdialogbuttonbox qlabel
    qpushbutton qtoolbutton qradiobutton qcheckbox qlayout qboxlayout qvboxlayout
    qhboxlayout qgridlayout qformlayout qmessagebox qfiledialog qinputdialog qcolordialog
    qmenu qmenubar qtoolbar qstatusbar qaction qactiongroup qsplitter qdockwidget qtabwidget
    qtabbar qtreeview qtreewidget qlistview qlistwidget qtableview qtablewidget qheaderview
    qitemdelegate qlineedit qtextedit qplaintextedit qspinbox qdoublespinbox qcombobox
    qslider qscrollarea qscrollbar qprogressbar qgroupbox qframe qstackedwidget qtoolbox
    qtooltip qshortcut qkeysequence qcolor qfont qfontmetrics qfontdatabase qimage
    qimagereader qimagewriter qpixmap qbitmap qicon qpen qbrush qgradient qlineargradient
    qradialgradient qpolygon qpolygonf qtransform qregion qpalette qcursor qclipboard
    qdesktopservices qstandarditemmodel qstandarditem qfilesystemmodel qvalidator
    qintvalidator qdoublevalidator qregularexpressionvalidator qwindow qscreen qtextdocument
    qtextcursor qtextoption qtextlayout qsyntaxhighlighter qtevents qkeyevent qmouseevent
    qwheelevent qdrag qmovie qpdfwriter qvector2d qvector3d qvector4d qmatrix4x4 qquaternion
    qoffscreensurface qsurfaceformat qrgb qrgba64)
# Socket and network headers outside Qt (matched against the whole path, without ".h"):
set(NET_SYSTEM
    sys/socket sys/un netinet/.* arpa/inet netdb ifaddrs net/if winsock winsock2 ws2tcpip
    boost/asio.* asio curl/.*)
# Qt6:: targets a CMake file under core/ must not link:
set(GUI_TARGETS
    Gui Widgets OpenGL OpenGLWidgets Svg SvgWidgets Charts PrintSupport Quick QuickWidgets
    Qml Multimedia DataVisualization)
set(NET_TARGETS
    Network HttpServer WebSockets)
foreach(list GUI_MODULES NET_MODULES GUI_FAMILIES NET_FAMILIES GUI_CLASSES NET_SYSTEM
        GUI_TARGETS NET_TARGETS)
    list(JOIN ${list} "|" ${list})
endforeach()

# Qt modules whose folders the lookup in QT_INCLUDE_DIR searches.
set(GUI_MODULE_DIRS QtGui QtWidgets QtOpenGL QtOpenGLWidgets QtSvg QtSvgWidgets QtCharts
    QtPrintSupport)
set(NET_MODULE_DIRS QtNetwork QtHttpServer QtWebSockets)
if(DEFINED QT_INCLUDE_DIR AND NOT IS_DIRECTORY "${QT_INCLUDE_DIR}/QtCore")
    message(FATAL_ERROR "check_layers: QT_INCLUDE_DIR=${QT_INCLUDE_DIR} has no QtCore folder")
endif()

# Sets ${out} to a reason when `header` (as written between <> or "") is forbidden in a file
# that may (allow_net) or may not use networking, and to "" otherwise.
function(forbidden_header header allow_net out)
    string(TOLOWER "${header}" h)
    string(REGEX REPLACE "\\.h$" "" h "${h}")
    string(REGEX REPLACE "^.*/" "" base "${h}")
    set(reason "")
    if(h MATCHES "^(${GUI_MODULES})(/|$)")
        set(reason "a Qt GUI module")
    elseif(base MATCHES "^(${GUI_CLASSES})$" OR base MATCHES "^(${GUI_FAMILIES})")
        set(reason "a widget/GUI header")
    elseif(NOT allow_net
            AND (h MATCHES "^(${NET_MODULES})(/|$)" OR base MATCHES "^(${NET_FAMILIES})"))
        set(reason "a network header")
    elseif(NOT allow_net AND h MATCHES "^(${NET_SYSTEM})$")
        set(reason "a socket header")
    elseif(DEFINED QT_INCLUDE_DIR AND NOT header MATCHES "/"
            AND NOT EXISTS "${QT_INCLUDE_DIR}/QtCore/${header}")
        set(modules ${GUI_MODULE_DIRS})
        if(NOT allow_net)
            list(APPEND modules ${NET_MODULE_DIRS})
        endif()
        foreach(module IN LISTS modules)
            if(EXISTS "${QT_INCLUDE_DIR}/${module}/${header}")
                set(reason "a ${module} header")
                break()
            endif()
        endforeach()
    endif()
    set(${out} "${reason}" PARENT_SCOPE)
endfunction()

string(ASCII 1 BS)
string(ASCII 2 SC)
string(ASCII 3 LB)
string(ASCII 4 RB)

# Sets ${out} to `line` as written in the file, without surrounding blanks.
function(show_line line out)
    string(REPLACE "${BS}" "\\" line "${line}")
    string(REPLACE "${SC}" ";" line "${line}")
    string(REPLACE "${LB}" "[" line "${line}")
    string(REPLACE "${RB}" "]" line "${line}")
    string(STRIP "${line}" line)
    set(${out} "${line}" PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE files LIST_DIRECTORIES false "${ROOT}/core/*")
list(SORT files)

set(violations 0)
set(checked 0)
foreach(file IN LISTS files)
    file(RELATIVE_PATH rel "${ROOT}" "${file}")
    set(allow_net FALSE)
    if(rel MATCHES "^core/endpoint/")
        set(allow_net TRUE)
    endif()
    get_filename_component(name "${file}" NAME)
    set(is_cmake FALSE)
    if(name STREQUAL "CMakeLists.txt" OR name MATCHES "\\.cmake$")
        set(is_cmake TRUE)
    endif()
    math(EXPR checked "${checked} + 1")

    file(READ "${file}" content)
    # A file without any include (or, in CMake, any Qt6:: target) needs no look line by line.
    if(NOT content MATCHES "#[ \t]*include" AND NOT (is_cmake AND content MATCHES "Qt6::"))
        continue()
    endif()

    # Split into lines. `;`, `[`, `]` and `\` would confuse CMake's list splitting (and so
    # the line numbers): they stand in as control characters until a line is shown.
    string(REPLACE "\\" "${BS}" content "${content}")
    string(REPLACE ";" "${SC}" content "${content}")
    string(REPLACE "[" "${LB}" content "${content}")
    string(REPLACE "]" "${RB}" content "${content}")
    string(REPLACE "\r" "" content "${content}")
    string(REPLACE "\n" ";" lines "${content}")

    set(lineno 0)
    foreach(line IN LISTS lines)
        math(EXPR lineno "${lineno} + 1")
        if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"]")
            set(header "${CMAKE_MATCH_1}")
            forbidden_header("${header}" ${allow_net} reason)
            if(reason)
                show_line("${line}" shown)
                message("${rel}:${lineno}: ${shown}  (${reason})")
                math(EXPR violations "${violations} + 1")
            endif()
        elseif(is_cmake)
            string(REGEX REPLACE "#.*$" "" code "${line}")
            if(allow_net)
                set(targets "${GUI_TARGETS}")
            else()
                set(targets "${GUI_TARGETS}|${NET_TARGETS}")
            endif()
            if(code MATCHES "Qt6?::(${targets})([^A-Za-z]|$)")
                show_line("${line}" shown)
                message("${rel}:${lineno}: ${shown}  (links Qt6::${CMAKE_MATCH_1})")
                math(EXPR violations "${violations} + 1")
            endif()
        endif()
    endforeach()
endforeach()

if(checked EQUAL 0)
    message(FATAL_ERROR "check_layers: no files found under ${ROOT}/core")
endif()
if(violations GREATER 0)
    # A plain message is not re-wrapped, so the count stays on one line for the fixture test.
    message("check_layers: ${violations} forbidden include(s) or link(s) in ${checked} files "
        "under ${ROOT}/core. flowlab_core links Qt6::Core only; core/endpoint/ may add the "
        "network, never the GUI (DESIGN.md, 'Layers and targets').")
    message(FATAL_ERROR "check_layers: layering broken")
endif()
message("check_layers: ${checked} files under ${ROOT}/core checked, "
    "none includes a widget, GUI, network or socket header")
