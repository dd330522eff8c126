/**
 * The keys of drafts of routines never saved. A routine id holds only lowercase letters, digits
 * and dashes, so a key with a colon can never be one: a draft and a saved routine never share a
 * key, in the drafts nor in the recordings made for them.
 */

/** What every new routine's draft key starts with. */
export const NEW_DRAFT_PREFIX = 'draft:';

/** The key the first editor gave a new routine's draft, `new-<epoch ms>`: a valid routine id too. */
export const OLD_NEW_DRAFT_KEY = /^new-\d+$/;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Twelve random letters and digits: no two drafts of one browser meet (36^12 ≈ 4.7e18). */
function randomPart(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	// 256 is not a multiple of 36: the small bias does not matter for a key that only must differ.
	return [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

/** A key for a new routine's draft: `draft:` and a random part. */
export function newDraftKey(random: string = randomPart()): string {
	return `${NEW_DRAFT_PREFIX}${random}`;
}

/** Whether a draft's key is a new routine's (else it is the id of the own routine it edits). */
export function isNewDraftKey(key: string): boolean {
	return key.startsWith(NEW_DRAFT_PREFIX);
}
