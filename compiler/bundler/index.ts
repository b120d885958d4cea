/**
 * canonjs's bundler plugin (`canonjs/rollup`, `canonjs/vite`: the same
 * plugin object serves Rollup, Rolldown and Vite).
 */
export { default } from './plugin.js';
export type { CanonjsPluginOptions } from './options.js';
export type { CanonjsPlugin } from './types.js';
