#!/usr/bin/env bash
# Renders an HTML report in headless Chromium and checks what a clinician would get:
#   report.png  a screenshot of the page at A4 width (210 x 297 mm at 96 dpi),
#   report.pdf  the page printed on A4, which must fit on exactly one page.
# Usage: report-screenshot.sh REPORT.html OUT_DIR
# Exit 0 when both check out, 77 when Chromium is not installed (skipped), 1 otherwise.
set -euo pipefail
html=${1:?usage: report-screenshot.sh REPORT.html OUT_DIR}
out=${2:?usage: report-screenshot.sh REPORT.html OUT_DIR}

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "SKIP: chromium is not installed (Debian: apt-get install chromium); the HTML report was not rendered."
  exit 77
fi

mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
url="file://$(realpath "$html")"
# No network, no profile left behind, no GPU; --no-sandbox because CI runs as root.
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions
       --disable-background-networking --disable-sync --disable-component-update --mute-audio
       --user-data-dir="$profile" --force-device-scale-factor=1)
rm -f "$out/report.png" "$out/report.pdf"
if ! timeout 120 "$browser" "${flags[@]}" --window-size=794,1123 --screenshot="$out/report.png" "$url" >"$out/chromium.log" 2>&1; then
  echo "FAIL: chromium could not take the screenshot:"; tail -5 "$out/chromium.log"; exit 1
fi
if ! timeout 120 "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "$url" >>"$out/chromium.log" 2>&1; then
  echo "FAIL: chromium could not print the page:"; tail -5 "$out/chromium.log"; exit 1
fi

# The screenshot: a real PNG of the window's size, with drawn content (not a blank page).
python3 - "$out/report.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG file'
pos, idat, width, height, kind = 8, b'', 0, 0, 0
while pos < len(data):
    length, tag = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if tag == b'IHDR':
        width, height, depth, kind = struct.unpack('>IIBB', body[:10])
        assert depth == 8 and kind in (2, 6), 'unexpected PNG pixel format'
    elif tag == b'IDAT':
        idat += body
    pos += 12 + length
bpp = 3 if kind == 2 else 4
raw, stride = zlib.decompress(idat), width * bpp
rows, prev, i = [], bytearray(stride), 0
for _ in range(height):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
pixels = [row[x:x + 3] for row in rows[::4] for x in range(0, stride, bpp * 4)]
colours = len(set(pixels))
inked = sum(1 for p in pixels if sum(p) < 600) / len(pixels)
print(f"screenshot {width}x{height}: {colours} colours, {inked:.1%} of the page drawn on")
assert (width, height) == (794, 1123), 'unexpected screenshot size'
assert colours >= 12, 'the page looks blank or flat'
assert inked >= 0.03, 'almost nothing was drawn'
PY

# The printout: one A4 page.
if command -v pdfinfo >/dev/null 2>&1; then
  pages=$(pdfinfo "$out/report.pdf" | awk '/^Pages:/ {print $2}')
  size=$(pdfinfo "$out/report.pdf" | awk -F': *' '/^Page size:/ {print $2}')
else
  # Chromium's PDF has one page tree: its /Count is the number of pages.
  pages=$(grep -a -o '/Count [0-9]*' "$out/report.pdf" | head -1 | awk '{print $2}')
  size="(pdfinfo not installed)"
fi
echo "printed: $pages page(s), $size"
if [ "$pages" != 1 ]; then echo "FAIL: the report prints on $pages pages, not one A4 page"; exit 1; fi
case "$size" in *595*x*842*|*595*x*841*|*A4*|*pdfinfo*) ;; *) echo "FAIL: the page is $size, not A4"; exit 1 ;; esac
echo "OK: $out/report.png and $out/report.pdf"
