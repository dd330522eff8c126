import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// A single-page app of plain files: any static host serves it with one rule, the fallback.
		adapter: adapter({
			pages: process.env.LIANA_BUILD_DIR ?? 'build',
			assets: process.env.LIANA_BUILD_DIR ?? 'build',
			fallback: '200.html',
			// .br and .gz beside each file, for hosts (and sirv) that serve them as they are.
			precompress: true,
			strict: true
		}),
		// Test fakes and sample routines live with the tests, outside the app's own code.
		alias: { $test: 'src/test-support' },
		// Small stylesheets go inline in the prerendered pages: no round trip before the first paint.
		inlineStyleThreshold: 16384,
		// Content Security Policy, as a <meta> in every prerendered page: scripts only from this
		// origin (SvelteKit's own start-up script by its hash), nothing fetched from anywhere else,
		// no plugins, no <base> or form posts elsewhere. Inline styles stay allowed: Svelte writes
		// style attributes (the pacer, the timeline), and with 'unsafe-inline' SvelteKit adds no
		// style hashes that would cancel it. A meta policy cannot set frame-ancestors; a host
		// that frames pages should send that header itself.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'media-src': ['self', 'blob:', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
		// Registered by the app through workbox-window, which handles waiting updates.
		serviceWorker: { register: false },
		// Kit's own default version (the build time) unless a build names it, as the update test does.
		...(process.env.LIANA_VERSION ? { version: { name: process.env.LIANA_VERSION } } : {})
	}
};

export default config;
