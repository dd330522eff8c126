/** The platform's file sharing (Web Share API): the share sheet a routine file is handed to. */

/** The platform's file sharing, where it shares files; replaceable in tests. */
export interface FileSharing {
	canShare(data: ShareData): boolean;
	share(data: ShareData): Promise<void>;
}

/** This browser's sharing, if it has any. */
export function browserSharing(): FileSharing | undefined {
	if (typeof navigator === 'undefined' || !navigator.canShare || !navigator.share) return undefined;
	return {
		canShare: (data) => navigator.canShare(data),
		share: (data) => navigator.share(data)
	};
}

/** Whether a routine file may be shared here (some platforms share only images and text). */
export function canShareFiles(sharing: FileSharing | undefined): boolean {
	if (!sharing) return false;
	const probe = new File(['{}'], 'routine.json', { type: 'application/json' });
	try {
		return sharing.canShare({ files: [probe] });
	} catch {
		// An older implementation throws on data it does not know: it cannot share files.
		return false;
	}
}
