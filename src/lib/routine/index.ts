/** The routine format: schema, validator and timeline compiler. */
export * from './measure';
export * from './path';
export * from './schema';
export * from './timeline';
export * from './validate';
