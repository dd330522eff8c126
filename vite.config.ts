import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// CommonJS packages bundled for prerendering, where Node cannot take their named exports.
	ssr: { noExternal: ['workbox-window', 'howler'] },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
		environment: 'node',
		// Property tests run thousands of sessions: on a busy two-core machine they pass 5 s, not fail.
		testTimeout: 20_000
	}
});
