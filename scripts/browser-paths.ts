import { existsSync } from 'node:fs';

/**
 * The Chromium every browser run here uses (tests, bench, screenshots): LIANA_CHROMIUM names a
 * binary; unset, Debian's /usr/bin/chromium when present; set empty, Playwright's own browser.
 */
export function chromiumPath(): string | undefined {
	const chosen = process.env['LIANA_CHROMIUM'];
	if (chosen !== undefined) return chosen === '' ? undefined : chosen;
	return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** Without these, Chromium keeps calling hosts this machine cannot reach. */
export const QUIET_CHROMIUM_ARGS = [
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

/**
 * The Firefox the journeys use: LIANA_FIREFOX names a binary; unset, Debian's Firefox ESR when
 * present (driven through Playwright's moz-firefox channel); set empty, Playwright's own build.
 */
export function firefoxPath(): string | undefined {
	const chosen = process.env['LIANA_FIREFOX'];
	if (chosen !== undefined) return chosen === '' ? undefined : chosen;
	const debian = '/usr/lib/firefox-esr/firefox-esr';
	return existsSync(debian) ? debian : undefined;
}
