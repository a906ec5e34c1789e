// What scripts/vendor.mjs bundles: the zod package's public entry, its named and default exports.
export * from 'zod';
export { default } from 'zod';
