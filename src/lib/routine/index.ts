/** The routine format: schema, validator and timeline compiler. */
export * from './path';
export * from './schema';
export * from './timeline';
export * from './validate';
