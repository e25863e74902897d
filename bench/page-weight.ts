/**
 * `npm run bench -- page-weight`: bin/bench.mjs runs bench/NAME.ts, so this name runs the
 * page-weight benchmark in bench/pageWeight.ts.
 */
export { run } from './pageWeight.ts';
