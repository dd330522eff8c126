#!/usr/bin/env bash
# Makes sure the end-to-end tests have their browsers and what those need, from Debian's packages:
# Chromium, Firefox ESR (driven by Playwright's moz-firefox channel), PulseAudio (a silent sound
# device, without which Firefox never lets sound start), WebKitGTK's WebDriver with Xvfb and xauth
# (the WebKit journeys). Nothing is downloaded from anywhere but the distribution.
# LIANA_CHROMIUM=/path/to/chrome uses that binary; LIANA_CHROMIUM= (empty) uses Playwright's own
# Chromium, downloaded here, for machines that can reach Playwright's download host.
# LIANA_FIREFOX works the same way for Firefox.
set -euo pipefail

packages=()
need() { # need <package> <file it provides>
	if [ ! -e "$2" ]; then packages+=("$1"); fi
}

browser() { # browser <variable naming a binary> <Playwright's name> <package> <its binary>
	local variable=$1
	if [ -z "${!variable+set}" ]; then
		need "$3" "$4"
	elif [ -z "${!variable}" ]; then
		npx playwright install "$2"
	elif [ ! -x "${!variable}" ]; then
		echo "$variable is set to '${!variable}', which is not an executable file." >&2
		exit 1
	fi
}

browser LIANA_CHROMIUM chromium chromium /usr/bin/chromium
browser LIANA_FIREFOX firefox firefox-esr /usr/lib/firefox-esr/firefox-esr
need pulseaudio /usr/bin/pulseaudio
need webkit2gtk-driver /usr/bin/WebKitWebDriver
need xvfb /usr/bin/xvfb-run
need xauth /usr/bin/xauth

if [ ${#packages[@]} -gt 0 ]; then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "Missing for the tests: ${packages[*]}, and no apt-get to install them." >&2
		echo "Install them with your system's packages (or set LIANA_CHROMIUM / LIANA_FIREFOX to browsers you have)." >&2
		exit 1
	fi
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
	echo "Installing for the tests: ${packages[*]}…"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

[ -x /usr/bin/chromium ] && echo "Chromium: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
[ -x /usr/lib/firefox-esr/firefox-esr ] && echo "Firefox: $(/usr/lib/firefox-esr/firefox-esr --version 2>/dev/null || echo installed)"
[ -x /usr/bin/WebKitWebDriver ] && echo "WebKit: WebKitWebDriver $(dpkg-query -W -f='${Version}' webkit2gtk-driver 2>/dev/null || echo installed)"
exit 0
