// Pages are prerendered where their content is known at build time (the library, the built-in
// routines), so they paint before any script runs; every other path is the single-page fallback.
export const prerender = true;
