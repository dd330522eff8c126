#!/usr/bin/env bash
# Makes sure the end-to-end tests have a Chromium: Debian's package where none is there.
# LIANA_CHROMIUM=/path/to/chrome uses that binary; LIANA_CHROMIUM= (empty) uses Playwright's own
# browser, downloaded here, for machines that can reach Playwright's download host.
set -euo pipefail

if [ -n "${LIANA_CHROMIUM+set}" ]; then
	if [ -z "$LIANA_CHROMIUM" ]; then
		exec npx playwright install chromium
	fi
	if [ -x "$LIANA_CHROMIUM" ]; then
		echo "Chromium: $LIANA_CHROMIUM"
		exit 0
	fi
	echo "LIANA_CHROMIUM is set to '$LIANA_CHROMIUM', which is not an executable file." >&2
	exit 1
fi

if [ -x /usr/bin/chromium ]; then
	echo "Chromium: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
	exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
	echo "No Chromium at /usr/bin/chromium and no apt-get to install one." >&2
	echo "Install Chromium and set LIANA_CHROMIUM to its path, or set LIANA_CHROMIUM= (empty) to use Playwright's own browser." >&2
	exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing Debian's Chromium for the end-to-end tests…"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
echo "Chromium: $(/usr/bin/chromium --version 2>/dev/null || echo installed)"
