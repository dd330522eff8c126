/** The session engine: a pure state machine on an injected clock. */
export * from './clock';
export * from './program';
export * from './rebase';
export * from './reduce';
export * from './session';
export * from './types';
export * from './view';
