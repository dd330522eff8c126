import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * The browser: LIANA_CHROMIUM names a Chromium binary; unset, Debian's /usr/bin/chromium is used
 * when present; set to an empty string, Playwright's own downloaded browser is used.
 */
function chromiumPath(): string | undefined {
	const chosen = process.env['LIANA_CHROMIUM'];
	if (chosen !== undefined) return chosen === '' ? undefined : chosen;
	return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

const PORT = Number(process.env['LIANA_E2E_PORT'] ?? 4174);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	forbidOnly: !!process.env['CI'],
	retries: 0,
	workers: 2,
	reporter: [['list']],
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
					// Without these, Chromium keeps calling hosts this machine cannot reach.
					args: [
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync',
						'--no-first-run'
					]
				}
			}
		}
	],
	// The production build, served as a static host would (SPA fallback), never the dev server.
	webServer: {
		command: `npx sirv build --single 200.html --port ${PORT} --host 127.0.0.1 --quiet`,
		url: `http://127.0.0.1:${PORT}/`,
		reuseExistingServer: !process.env['CI'],
		timeout: 60_000
	}
});
