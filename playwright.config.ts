import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { chromiumPath, firefoxPath, QUIET_CHROMIUM_ARGS } from './scripts/browser-paths';

/**
 * A port nobody holds now, asked of the system in a child process: the config is read
 * synchronously. A fixed port failed the run whenever another run or server held it.
 */
function freePort(): string {
	const listen = `const server = require('node:net').createServer();
server.listen(0, '127.0.0.1', () => { console.log(server.address().port); server.close(); });`;
	return execFileSync(process.execPath, ['-e', listen], { encoding: 'utf8' }).trim();
}

// Each worker reads this config again: the port goes into the environment the workers inherit,
// so they all find the server this process started. LIANA_E2E_PORT chooses one by hand.
process.env['LIANA_E2E_PORT'] ||= freePort();
const PORT = Number(process.env['LIANA_E2E_PORT']);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	forbidOnly: !!process.env['CI'],
	retries: 0,
	workers: 2,
	reporter: [['list']],
	globalSetup: './tests/e2e/global-setup.ts',
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		trace: 'retain-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath: chromiumPath(),
					args: QUIET_CHROMIUM_ARGS
				}
			}
		},
		{
			// Debian's Firefox ESR through Playwright's WebDriver BiDi channel. Journeys tagged
			// @chromium-only use what only Chromium has (DevTools sessions, fake media devices,
			// a persistent profile on its binary); the README says which and why.
			name: 'firefox',
			grepInvert: /@chromium-only/,
			// Left to Chromium for CI's time alone (25 minutes on two cores, shared and noisy: the
			// same run took 21 to 26 minutes with 74 Firefox journeys). Firefox keeps the journeys where
			// engines differ: time and sound (play, session, sound, the sound bed, the audio file with
			// its decoding, worker and encoder), offline and the service worker, the update, keyboard
			// focus, touch, the profile kept on disk, the policy, the first visit and a recording. The
			// rest test the app's own logic through the page, which Firefox shares: the screen-size walks,
			// the editor's form, the coach's keys, the second window, the import refusals, the faults
			// simulated in the page, the axe walk, the library and history screens, resuming after a
			// reload, packs and their limits, and the developer-word walk. The README lists them.
			testIgnore: [
				'**/layout.spec.ts',
				'**/studio.spec.ts',
				'**/editor.spec.ts',
				'**/coach.spec.ts',
				'**/presenter.spec.ts',
				'**/import.spec.ts',
				'**/faults.spec.ts',
				'**/accessibility.spec.ts',
				'**/library.spec.ts',
				'**/history.spec.ts',
				'**/resume.spec.ts',
				'**/voice.spec.ts',
				'**/limits.spec.ts',
				'**/pack-bomb.spec.ts',
				'**/words.spec.ts'
			],
			// After Chromium's, not beside them: the journeys that hear sound compare the page's
			// driven clock with the audio clock, which runs in real time, and two engines at once
			// on two cores stretched one against the other until they failed.
			dependencies: ['chromium'],
			use: {
				...devices['Desktop Firefox'],
				channel: 'moz-firefox',
				launchOptions: {
					executablePath: firefoxPath(),
					firefoxUserPrefs: {
						// Headless Firefox would ask for the microphone and wait for ever: a person
						// who says no, as headless Chromium answers, unless a journey says otherwise.
						'permissions.default.microphone': 2,
						// Headless, it reports no pointer at all, (hover: none), as a phone does: the
						// desktop it stands for has a mouse (fine | hover), as headless Chromium says.
						'ui.primaryPointerCapabilities': 6,
						'ui.allPointerCapabilities': 6,
						// Two workers are two Firefoxes on one desktop, taking focus from each other:
						// Firefox's own test mode gives each window its focus, as a person's has.
						'focusmanager.testmode': true
					}
				}
			}
		}
	],
	// The production build, served as a static host would (SPA fallback), never the dev server.
	webServer: {
		command: `npx sirv build --single 200.html --port ${PORT} --host 127.0.0.1 --quiet`,
		url: `http://127.0.0.1:${PORT}/`,
		// sirv takes PORT from the environment over --port: a PORT set for something else wins.
		env: { PORT: String(PORT) },
		reuseExistingServer: !process.env['CI'],
		timeout: 60_000
	}
});
