import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { chromiumPath, QUIET_CHROMIUM_ARGS } from './scripts/chromium-path';

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
