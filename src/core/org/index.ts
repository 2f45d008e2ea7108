export * from './intervals.js';
export * from './lineage.js';
export * from './tree.js';
