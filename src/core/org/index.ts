export * from './intervals.js';
export * from './lineage.js';
export * from './names.js';
export * from './tree.js';
