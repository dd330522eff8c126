/**
 * The journeys in WebKit (`npm run test:webkit`): WebKitGTK's MiniBrowser driven by
 * WebKitWebDriver under Xvfb, on the app as `npm run build` left it in build/. Time is real here
 * (no fake clock over plain WebDriver), so the routines played last seconds.
 */
import { existsSync } from 'node:fs';
import { after, before, describe } from 'node:test';
import { lazyJourney } from './lazy.journey';
import { libraryJourney } from './library.journey';
import { offlineJourney } from './offline.journey';
import { sessionJourney } from './session.journey';
import { updateJourney } from './update.journey';
import { WEBKIT_LOG, WebKit, missingTools } from './webkit';

const missing = missingTools();
if (missing) {
	console.error(missing);
	process.exit(1);
}
if (!existsSync('build/index.html')) {
	console.error('There is no build of the app to test: run `npm run build` first.');
	process.exit(1);
}

const webkit = new WebKit();
process.on('exit', (code) => {
	if (code !== 0) console.error(`WebKit's own messages are in ${WEBKIT_LOG}.`);
});

describe('Liana in WebKitGTK', { timeout: 110_000 }, () => {
	before(() => webkit.start());
	after(() => webkit.stop());
	libraryJourney(webkit);
	sessionJourney(webkit);
	offlineJourney(webkit);
	updateJourney(webkit);
	lazyJourney(webkit);
});
