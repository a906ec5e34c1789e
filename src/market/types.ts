/** The market vocabulary lives in core/market.ts (ports are core types); re-exported for market/ code. */
export * from '../core/market.js';
