#pragma once

#include <QByteArray>

namespace flowlab {

/// Decodes %XX escapes; a stray '%' stays as it is. With `plusIsSpace` a '+' is a space
/// (form encoding, the Query protocol's bodies); without it a '+' stays (SigV4 signs the
/// literal character).
QByteArray percentDecode(const QByteArray &bytes, bool plusIsSpace);

} // namespace flowlab
