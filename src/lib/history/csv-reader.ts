/**
 * Reads RFC 4180 CSV back into rows of fields, the way a spreadsheet would: for the tests that
 * check what the history's export writes (the unit tests and the journey that downloads it).
 * `separator` is `;` where a spreadsheet of a decimal-comma locale reads it so.
 */
export function parseCsv(text: string, separator = ','): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"') quoted = true;
		else if (char === separator) {
			row.push(field);
			field = '';
		} else if (char === '\r' && text[i + 1] === '\n') {
			rows.push([...row, field]);
			row = [];
			field = '';
			i++;
		} else field += char;
	}
	if (field !== '' || row.length > 0) rows.push([...row, field]);
	return rows;
}
