#pragma once
// Text from a file, made safe to show: control characters (C0, DEL, C1), and bytes that are not
// UTF-8 are written as \xNN (\n, \t, \r as themselves escaped), so that names and labels cannot
// move a terminal's cursor, set its title, split a log line or hide text in a dialog.
#include <string>
#include <string_view>

namespace repscope {

[[nodiscard]] std::string printable(std::string_view text);

}  // namespace repscope
