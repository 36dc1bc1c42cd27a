#!/usr/bin/env bash
# Makes the screenshots of README.md and docs/user-guide.md from the demo organisation, offscreen and on a
# pinned date, so they can be made again whenever the screens change:
#
#   docs/screenshots/make.sh BUILD_DIR [OUT_DIR]
#
# BUILD_DIR holds app/quorum and app/quorum-cli; OUT_DIR defaults to this folder. It writes
#   dashboard.png   the dashboard, 1400x900
#   dashboard-ssc.png  the Software Security Code's dashboard, 1400x900
#   actions.png     the Actions page with action A2 selected in the editor, 1400x900
#   boardpack.png   the board pack's executive summary page, A4 at 75 dpi (620x877)
#   boardpack-maturity.png  the board pack's maturity page (the demo tracks maturity), A4 at 75 dpi
# Needs pdftoppm and pdftotext (poppler-utils). When optipng is installed, the pictures are optimised with it.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $0 BUILD_DIR [OUT_DIR]" >&2
    exit 2
fi
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here}
mkdir -p "$out"
out=$(cd "$out" && pwd)

gui=$build/app/quorum
cli=$build/app/quorum-cli
for program in "$gui" "$cli"; do
    [[ -x $program ]] || { echo "$0: $program is not built" >&2; exit 1; }
done
for tool in pdftoppm pdftotext; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is missing (install poppler-utils)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The same pictures on every machine and every day: a pinned date, a fixed login name, no settings or
# recent files from the person running it, no display.
export QUORUM_NOW=2026-12-05T10:00:00Z
export USER=demo LOGNAME=demo
export HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache
export XDG_RUNTIME_DIR=$work/runtime
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 LC_ALL=C.UTF-8

db=$work/demo.quorum
"$cli" --db "$db" init --demo >/dev/null

"$gui" --db "$db" --page dashboard --screenshot "$work/dashboard.png" 2>/dev/null
"$gui" --db "$db" --action A2 --screenshot "$work/actions.png" 2>/dev/null
"$gui" --db "$db" --framework ssc --screenshot "$work/dashboard-ssc.png" 2>/dev/null

# The executive summary: the page whose heading it is (the cover's contents only list it).
"$cli" --db "$db" export "$work/pack.pdf" --force >/dev/null
pages=$(pdfinfo "$work/pack.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
summary=2
for ((page = 2; page <= ${pages:-2}; ++page)); do
    if pdftotext -layout -f "$page" -l "$page" "$work/pack.pdf" - | grep -Eq '^ *[0-9]* *Executive summary *$'; then
        summary=$page
        break
    fi
done
pdftoppm -png -r 75 -f "$summary" -l "$summary" -singlefile "$work/pack.pdf" "$work/boardpack"
maturity=
for ((page = summary; page <= ${pages:-2}; ++page)); do
    if pdftotext -layout -f "$page" -l "$page" "$work/pack.pdf" - | grep -Eq '^ *[0-9]+ +Maturity *$'; then
        maturity=$page
        break
    fi
done
[[ -n $maturity ]] || { echo "$0: the demo's board pack has no maturity page" >&2; exit 1; }
pdftoppm -png -r 75 -f "$maturity" -l "$maturity" -singlefile "$work/pack.pdf" "$work/boardpack-maturity"

for name in dashboard dashboard-ssc actions boardpack boardpack-maturity; do
    if command -v optipng >/dev/null; then
        optipng -quiet -o2 "$work/$name.png"
    fi
    cp "$work/$name.png" "$out/$name.png"
done
echo "Wrote dashboard.png, dashboard-ssc.png, actions.png, boardpack.png (pack page $summary) and boardpack-maturity.png (page $maturity) to $out"
