export * from './periods.js';
export * from './timeliness.js';
export * from './workflow.js';
export * from './outliers.js';
export * from './aggregation.js';
export * from './form.js';
export * from './validation.js';
