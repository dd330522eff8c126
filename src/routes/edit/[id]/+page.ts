import builtInIds from '../../../../static/routines/index.json';
import type { PageLoad } from './$types';

// What is edited lives in this browser (drafts, own routines): every address loads from the fallback.
export const prerender = false;

export const load: PageLoad = ({ params }) => ({ id: params.id, builtInIds });
