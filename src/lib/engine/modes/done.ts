/** Done: the session is over and its record final; every action is ignored. */
import type { Run } from '../run';
import type { Action } from '../types';

export function inDone(_run: Run, _action: Action): void {}
