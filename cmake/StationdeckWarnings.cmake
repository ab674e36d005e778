# SPDX-License-Identifier: GPL-3.0-or-later
# Compile options every Stationdeck target gets: warnings, strict Qt defines, sanitizers.
add_library(stationdeck_options INTERFACE)
target_compile_options(stationdeck_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
if(STATIONDECK_WERROR)
    target_compile_options(stationdeck_options INTERFACE -Werror)
endif()
target_compile_definitions(stationdeck_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CAST_FROM_BYTEARRAY
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    STATIONDECK_VERSION="${PROJECT_VERSION}")
if(STATIONDECK_SANITIZE)
    target_compile_options(stationdeck_options INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(stationdeck_options INTERFACE -fsanitize=address,undefined)
endif()
