/**
 * Builds the published JSON Schema of the routine format from the valibot schemas, in Node only,
 * so the converter never ships to the browser.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { LIMITS, routineSchema } from '../src/lib/routine/schema';

type JsonSchemaNode = { [key: string]: unknown };

/** The JSON Schema of a routine file, draft 2020-12. */
export function buildRoutineJsonSchema(): JsonSchemaNode {
	const schema = toJsonSchema(routineSchema, {
		target: 'draft-2020-12',
		// Checks written as code (text length in characters, language tags) have no JSON Schema form.
		errorMode: 'ignore',
		// Such checks carry their JSON Schema form as metadata beside the code.
		overrideAction: ({ valibotAction, jsonSchema }) => {
			if (valibotAction.type !== 'metadata') return undefined;
			const extra = (valibotAction as { metadata?: { jsonSchema?: object } }).metadata?.jsonSchema;
			if (!extra) return undefined;
			const converted: JsonSchemaNode = { ...jsonSchema };
			delete converted['jsonSchema'];
			return { ...converted, ...extra };
		}
	}) as JsonSchemaNode;
	const out: JsonSchemaNode = {
		...schema
	};
	closeObjects(out);
	describeLimits(out);
	return out;
}

/** Objects refuse unknown keys, except the authors' own `x-` keys, as the validator does. */
function closeObjects(node: unknown): void {
	if (Array.isArray(node)) {
		node.forEach(closeObjects);
		return;
	}
	if (typeof node !== 'object' || node === null) return;
	const object = node as JsonSchemaNode;
	if (object['type'] === 'object' && object['properties']) {
		object['patternProperties'] = { '^x-': {} };
		object['additionalProperties'] = false;
	}
	Object.values(object).forEach(closeObjects);
}

/** Limits the converter cannot express, stated where a reader of the schema finds them. */
function describeLimits(schema: JsonSchemaNode): void {
	schema['$comment'] =
		`Also checked by the app: the file is at most ${LIMITS.fileBytes} bytes; step ids are unique; ` +
		`titles are 1 to ${LIMITS.titleChars} characters, summary at most ${LIMITS.summaryChars}, text at most ${LIMITS.textChars}; ` +
		'language is a BCP 47 tag; a step lasting 0 s is an error.';
}

/** The schema file's text, as committed in static/. */
export function routineJsonSchemaText(): string {
	return JSON.stringify(buildRoutineJsonSchema(), null, '\t') + '\n';
}
