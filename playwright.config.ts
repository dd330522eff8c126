import { defineConfig, devices } from '@playwright/test';
import { chromiumPath } from './scripts/chromium-path';

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
