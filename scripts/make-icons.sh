#!/usr/bin/env bash
# `npm run icons`: renders the app icons from scripts/icons/*.svg into static/icons/ (committed,
# so builds need no tools): apt-get install -y librsvg2-bin
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert >/dev/null 2>&1 || {
	echo "npm run icons needs rsvg-convert: apt-get install -y librsvg2-bin" >&2
	exit 1
}
mkdir -p static/icons
for size in 48 72 96 144 192 256 384 512; do
	rsvg-convert -w "$size" -h "$size" scripts/icons/icon.svg -o "static/icons/icon-$size.png"
done
rsvg-convert -w 512 -h 512 scripts/icons/maskable.svg -o static/icons/maskable-512.png
rsvg-convert -w 192 -h 192 scripts/icons/maskable.svg -o static/icons/maskable-192.png
# iOS draws its own rounded corners over a full square.
rsvg-convert -w 180 -h 180 scripts/icons/maskable.svg -o static/icons/apple-touch-icon.png
cp scripts/icons/icon.svg static/favicon.svg
echo "wrote $(ls static/icons | wc -l) icons to static/icons/"
