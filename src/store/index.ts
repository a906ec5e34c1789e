export * from './atomic.js';
export * from './documents.js';
export * from './file-store.js';
export * from './ledger.js';
export * from './lock.js';
export * from './set-aside.js';
export * from './temp-files.js';
export * from './watch.js';
