/**
 * The worker a routine pack is read in, off the page: however a pack is made, the page keeps
 * answering while it is read, and the page stops the worker when it takes too long
 * (pack-reading.ts). The recordings go back transferred, not copied.
 */
import { readPack } from './routine-pack';
import type { PackReply, PackRequest } from './pack-reading';

/** The little of a dedicated worker's scope used here (the app's types are the page's). */
interface PackWorkerScope {
	onmessage: ((event: MessageEvent<PackRequest>) => void) | null;
	postMessage(reply: PackReply, transfer: Transferable[]): void;
}

const scope = self as unknown as PackWorkerScope;

scope.onmessage = (event) => {
	let reply: PackReply;
	try {
		reply = { kind: 'read', contents: readPack(new Uint8Array(event.data.bytes)) };
	} catch (error) {
		// readPack returns its refusals; a throw is a fault of ours, said to the page as one.
		reply = { kind: 'failed', detail: error instanceof Error ? error.message : String(error) };
	}
	const transfer = reply.kind === 'read' && reply.contents.ok ? reply.contents.recordings : [];
	scope.postMessage(
		reply,
		transfer.map((recording) => recording.audio)
	);
};
