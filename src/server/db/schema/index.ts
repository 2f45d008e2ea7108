export * from './tenants.js';
export * from './units.js';
export * from './identity.js';
export * from './audit.js';
export * from './movements.js';
export * from './inbox.js';
export * from './reports.js';
export * from './registration.js';
