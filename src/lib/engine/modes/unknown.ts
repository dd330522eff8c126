/** The `never` check of a mode's table: an action added to the union must be given a row. */
export function unknownAction(action: never): never {
	throw new Error(`unknown action ${JSON.stringify(action)}`);
}
