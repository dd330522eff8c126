/** A copy-on-write view of a session's record, so a tick that changes nothing copies nothing. */
import type { SessionRecord, StepRecord, StepStatus } from './types';

export class RecordDraft {
	#record: SessionRecord;
	#stepsCopied = false;
	changed = false;

	constructor(record: SessionRecord) {
		this.#record = record;
	}

	get value(): SessionRecord {
		return this.#record;
	}

	status(k: number): StepStatus | undefined {
		return this.#record.steps[k]?.status;
	}

	updateStep(k: number, change: Partial<StepRecord>): void {
		const step = this.#record.steps[k];
		if (!step) return;
		this.#ensureCopy();
		this.#record.steps[k] = { ...step, ...change };
	}

	set(change: Partial<SessionRecord>): void {
		this.#ensureCopy();
		Object.assign(this.#record, change);
	}

	#ensureCopy(): void {
		if (this.#stepsCopied) return;
		this.#record = {
			...this.#record,
			steps: [...this.#record.steps],
			flares: [...this.#record.flares]
		};
		this.#stepsCopied = true;
		this.changed = true;
	}
}
