// A single-page app: every page renders in the browser, from plain files any static host serves.
export const ssr = false;
export const prerender = false;
