import type { Page } from '@playwright/test';

/**
 * Writes records straight into one store of the app's database, in one transaction, as years of
 * use would have left them; the app must have created its database first (a visit does).
 */
export async function storeRecords(page: Page, store: string, records: object[]): Promise<void> {
	await page.evaluate(
		({ store, records }) =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('liana');
				request.onsuccess = () => {
					const db = request.result;
					const tx = db.transaction(store, 'readwrite');
					for (const record of records) tx.objectStore(store).put(record);
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
				request.onerror = () => reject(request.error);
			}),
		{ store, records }
	);
}

/** The stored checkpoint as a reload will find it (its routine and how far in), or null. */
export async function storedCheckpoint(
	page: Page
): Promise<{ routineId: string; seenMs: number } | null> {
	return page.evaluate(
		() =>
			new Promise<{ routineId: string; seenMs: number } | null>((resolve) => {
				const request = indexedDB.open('liana');
				request.onsuccess = () => {
					const db = request.result;
					if (!db.objectStoreNames.contains('checkpoint')) return resolve(null);
					const get = db.transaction('checkpoint').objectStore('checkpoint').get('current');
					get.onsuccess = () => {
						const stored = get.result;
						db.close();
						resolve(stored ? { routineId: stored.routineId, seenMs: stored.state.seenMs } : null);
					};
				};
			})
	);
}
