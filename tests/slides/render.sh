#!/usr/bin/env bash
# tests/slides/render.sh SOURCE_ROOT OUT_DIR PNG_INK — the deck renders.
#
# Builds the deck with scripts/slides into OUT_DIR (figures from the generated
# blocks of talk.md, so the test times nothing), then checks: the PDF has one page per
# slide (pdfinfo's count = the "# " headings of slides/talk.md); the text has no
# placeholder and a slide per step of ladder.tsv; every slide has speaker notes of
# 60–120 words, in the HTML (where slides/deck.js shows them) and in the notes PDF,
# each page below its slide; every page, rendered to PNG by pdftoppm, is not blank;
# one slide of the HTML, screenshotted by headless Chromium, is not blank either.
# Then the 30-minute cut (--minutes 30): 20 to 30 slides, each step's code and effect
# among them.  Last, a deck with a code box taller than its slide
# (tests/slides/overflow.md) must not build, and the build must name that slide.
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

slides=$(awk '/^```/ { fence = !fence } !fence && /^# / { n++ } END { print n }' "$root/slides/talk.md")
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
# steps_have DECK TEXT: every step of the ladder has its "vN — idea" and "vN: the effect" slide
steps_have() {
    local v
    for v in $(awk -F'\t' '$3 != "floor" && $1 ~ /^v[0-9]+$/ { print $1 }' "$root/ladder.tsv"); do
        grep -qE "^[[:space:]]*$v — " <<<"$2" || fail "$1: no slide titled \"$v — …\" (its idea and code)"
        grep -qE "^[[:space:]]*$v: the effect" <<<"$2" || [ "$v" = v0 ] || fail "$1: no slide \"$v: the effect\""
    done
}
steps_have talk.pdf "$text"

# speaker notes: one per slide in the source, 60–120 words (generated values count as
# one word each), one per slide in the HTML, and each on its page of the notes PDF
notes=$(awk '/^```/ { fence = !fence } !fence && /^# / { title = $0; if (n++) print seen; seen = "-" }
    !fence && /^::: notes$/ { inn = 1; words = 0; next }
    inn && /^:::$/ { inn = 0; seen = words; next }
    inn { gsub(/<!-- generated: [^>]*-->[^<]*<!-- end generated -->/, "X"); words += NF }
    END { print seen }' "$root/slides/talk.md")
i=0
while read -r words; do
    i=$((i + 1))
    if [ "$words" = "-" ]; then fail "slide $i of slides/talk.md has no ::: notes"
    elif [ "$words" -lt 60 ] || [ "$words" -gt 120 ]; then fail "slide $i's notes have $words words, want 60–120"; fi
done <<<"$notes"
in_html=$(grep -c '<div class="notes" role="note">' "$out/talk.html")
[ "$in_html" = "$slides" ] || fail "talk.html has $in_html notes for $slides slides"
grep -q 'speaker-notes' "$out/talk.html" || fail "talk.html has no speaker view (slides/deck.js)"
[ -f "$out/talk-notes.pdf" ] || fail "no talk-notes.pdf"
npages=$(pdfinfo "$out/talk-notes.pdf" | awk '/^Pages:/ { print $2 }')
[ "$npages" = "$slides" ] || fail "talk-notes.pdf has $npages pages for $slides slides"
# the first three words of each slide's notes are on its page, below the slide
i=0
while IFS= read -r first; do
    i=$((i + 1))
    page=$(pdftotext -f "$i" -l "$i" "$out/talk-notes.pdf" - | tr -s ' \n' ' ')
    [[ $page == *"$first"* ]] || fail "page $i of talk-notes.pdf does not show its notes (\"$first …\")"
done < <(awk '/^::: notes$/ { getline; gsub(/<!-- (generated: [^>]*|end generated) -->/, ""); print $1, $2, $3 }' "$root/slides/talk.md")

# the speaker view (slides/deck.js): key "s" opens it; moved to slide 5, it shows
# that slide's title and notes (a probe script appended to a copy of the deck reads it)
cp "$out/talk.html" "$out/speaker.html"
cat >>"$out/speaker.html" <<'PROBE'
<script>
window.addEventListener("load", function () { setTimeout(function () {
  document.dispatchEvent(new KeyboardEvent("keydown", {keyCode: 83}));
  Dz.setCursor(5);
  setTimeout(function () {
    var w = window.open("", "speaker-notes"), p = document.createElement("pre");
    p.textContent = "SPEAKER VIEW: " + (w ? w.document.body.innerText : "none");
    document.body.appendChild(p);
  }, 200);
}, 0); });
</script>
PROBE
profile=$(mktemp -d)
view=$("$chromium" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile" \
    --disable-popup-blocking --window-size=800,600 --virtual-time-budget=3000 \
    --dump-dom "file://$out/speaker.html" 2>/dev/null | sed -n '/<pre>SPEAKER VIEW: /,/<\/pre>/p')
rm -rf "$profile"
slide5=$(awk '/^```/ { fence = !fence } !fence && /^# / && ++n == 5 { sub(/^# /, ""); sub(/ *\{.*/, ""); print }' "$root/slides/talk.md")
notes5=$(awk '/^::: notes$/ && ++n == 5 { getline; print $1, $2, $3 }' "$root/slides/talk.md")
[[ $view == *"5 / $slides"* && $view == *"$slide5"* && $view == *"$notes5"* ]] ||
    fail "the speaker view on slide 5 does not show \"$slide5\" and its notes: ${view:0:200}"

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

# the 30-minute cut of the same deck: about 25 slides, each step's code and effect
SLIDES_NO_INSTALL=1 "$root/scripts/slides" --minutes 30 --out "$out" || fail "scripts/slides --minutes 30 exited with $?"
cut=$(pdfinfo "$out/talk-30.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
echo "pages in talk-30.pdf: ${cut:-none}"
if [ "${cut:-0}" -lt 20 ] || [ "${cut:-0}" -gt 30 ]; then fail "the 30-minute cut has ${cut:-no} pages, want 20–30"; fi
steps_have talk-30.pdf "$(pdftotext -layout "$out/talk-30.pdf" - 2>/dev/null)"

# a code box taller than its slide: the build fails and names the slide, and
# leaves nothing half-written
SLIDES_NO_INSTALL=1 "$root/scripts/slides" --deck "$root/tests/slides/overflow.md" --out "$out/overflow" \
    >"$out/overflow.log" 2>&1 && fail "a deck with a code box taller than its slide was built"
grep -q 'slide 2 "A code box too tall for its slide": .* runs [0-9]* px off the bottom' "$out/overflow.log" ||
    fail "the overflow was not reported naming slide 2: $(tail -n 3 "$out/overflow.log")"
[ ! -e "$out/overflow/overflow.html" ] || fail "the failed build left overflow.html behind"

echo "$((failures == 0 ? 1 : 0)) passed, $((failures == 0 ? 0 : 1)) failed"
[ $failures -eq 0 ]
