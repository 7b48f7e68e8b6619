/**
 * The scoring engine: pure, runtime-neutral (worker, extension popup, node).
 * @module
 */
export * from './conditions'
export * from './score'
export * from './signals'
