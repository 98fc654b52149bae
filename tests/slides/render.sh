#!/usr/bin/env bash
# tests/slides/render.sh SOURCE_ROOT OUT_DIR PNG_INK — the deck renders.
#
# Builds the deck with scripts/slides into OUT_DIR (figures from the generated
# blocks of talk.md, so the test times nothing), then checks: the PDF has one page per
# slide (pdfinfo's count = the "# " headings of slides/talk.md + the title
# slide); the text has no placeholder and a slide per step of ladder.tsv;
# every page, rendered to PNG by pdftoppm, is not blank; and one slide
# of the HTML, screenshotted by headless Chromium, is not blank either.
# Exit 77 (meson: skipped) when pandoc, Chromium or poppler-utils are missing:
# CI installs them only where the slides are wanted (scripts/slides does).
set -uo pipefail
root=$1 out=$2 png_ink=$3

for tool in pandoc pdfinfo pdftoppm pdftotext jq; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "SKIP: chromium is not installed"; exit 77; }

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

rm -rf "$out"
mkdir -p "$out"
SLIDES_NO_INSTALL=1 "$root/scripts/slides" --out "$out" || fail "scripts/slides exited with $?"
[ -f "$out/talk.html" ] || { echo "FAIL: no talk.html"; exit 1; }
[ -f "$out/talk.pdf" ] || { echo "FAIL: no talk.pdf"; exit 1; }

# fully offline: nothing in the HTML may be fetched from elsewhere
if grep -qE '(src|href)="https?://' "$out/talk.html"; then
    fail "talk.html refers to the network: $(grep -oE '(src|href)="https?://[^"]*' "$out/talk.html" | head -n 3)"
fi

slides=$(awk '/^```/ { fence = !fence } !fence && /^# / { n++ } END { print n + 1 }' "$root/slides/talk.md")
pages=$(pdfinfo "$out/talk.pdf" | awk '/^Pages:/ { print $2 }')
echo "slides in slides/talk.md: $slides; pages in talk.pdf: $pages"
[ "$pages" = "$slides" ] || fail "the PDF has $pages pages for $slides slides"
size=$(pdfinfo "$out/talk.pdf" | awk '/^Page size:/ { print $3 "x" $5 }')
[ "$size" = "600x450" ] || fail "page size is $size pt, want 600x450 (one 800 × 600 px slide)"

# what the audience reads (pdftotext): no placeholder of a missing excerpt,
# chart, profile or flame graph, and every step of the ladder has its slides
text=$(pdftotext -layout "$out/talk.pdf" -) || fail "pdftotext failed"
placeholders=$(grep -nE 'not found|not in record|not drawn|No flame graph|unknown (inline|block) kind' <<<"$text")
[ -z "$placeholders" ] || fail "placeholder text in the PDF: $placeholders"
for v in $(awk -F'\t' '$3 != "floor" && $1 ~ /^v[0-9]+$/ { print $1 }' "$root/ladder.tsv"); do
    grep -qE "^[[:space:]]*$v — " <<<"$text" || fail "no slide titled \"$v — …\" (its idea and code)"
    grep -qE "^[[:space:]]*$v: the effect" <<<"$text" || [ "$v" = v0 ] || fail "no slide \"$v: the effect\""
done

# every page has something on it
pdftoppm -r 30 -png "$out/talk.pdf" "$out/page" || fail "pdftoppm failed"
for page in "$out"/page-*.png; do
    "$png_ink" "$page" 8 1.0 || fail "page $(basename "$page") looks blank"
done

# one slide of the HTML deck, as a browser shows it: the fourth (#4 in dzslides)
profile=$(mktemp -d)
"$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --window-size=800,600 \
    --virtual-time-budget=3000 --screenshot="$out/slide-4.png" \
    "file://$out/talk.html#4" >"$out/screenshot.log" 2>&1 || fail "chromium --screenshot failed"
rm -rf "$profile"
"$png_ink" "$out/slide-4.png" 8 2.0 || fail "the screenshot of slide 4 looks blank"

echo "$((failures == 0 ? 1 : 0)) passed, $((failures == 0 ? 0 : 1)) failed"
[ $failures -eq 0 ]
