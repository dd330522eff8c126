/** Writes static/routine.schema.json from the routine schemas: `npm run schema`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { routineJsonSchemaText } from './routine-json-schema';

const target = fileURLToPath(new URL('../static/routine.schema.json', import.meta.url));
writeFileSync(target, routineJsonSchemaText());
console.log(`wrote ${target}`);
