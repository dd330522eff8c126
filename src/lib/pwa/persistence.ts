/**
 * Asks the browser to keep this site's storage (routines, history, settings, sounds) rather than
 * evict it when space runs low. Chromium decides by itself; Firefox asks the person.
 */

export type Persistence = 'kept' | 'may-be-cleared' | 'unknown';

type StorageManagerLike = Pick<StorageManager, 'persist' | 'persisted'>;

const storage = (): StorageManagerLike | undefined =>
	typeof navigator !== 'undefined' && navigator.storage && 'persist' in navigator.storage
		? navigator.storage
		: undefined;

/** Asks once; the answer is what the browser decided. */
export async function requestPersistence(manager = storage()): Promise<Persistence> {
	if (!manager) return 'unknown';
	try {
		if (await manager.persisted()) return 'kept';
		return (await manager.persist()) ? 'kept' : 'may-be-cleared';
	} catch {
		return 'unknown';
	}
}

/** What the browser says now, without asking. */
export async function persistence(manager = storage()): Promise<Persistence> {
	if (!manager) return 'unknown';
	try {
		return (await manager.persisted()) ? 'kept' : 'may-be-cleared';
	} catch {
		return 'unknown';
	}
}

export const PERSISTENCE_LABELS: Record<Persistence, string> = {
	kept: 'Your routines, history and recordings are kept safe on this device.',
	'may-be-cleared':
		'Your routines and history live on this device. If it runs very low on space, the browser may clear them; installing Liana helps keep them.',
	unknown: 'Your routines and history live on this device, in this browser.'
};
