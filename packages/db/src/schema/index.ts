export * from './users.js';
export * from './sessions.js';
export * from './enrollment-tokens.js';
export * from './agents.js';
export * from './clusters.js';
export * from './nodes.js';
export * from './audit-log.js';
