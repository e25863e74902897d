/**
 * `npm run bench -- page-weight`: bin/bench.mjs runs bench/NAME.ts, so this name runs the
 * page-weight benchmark in bench/_pageWeight.ts (a helper file: `_` names are not benchmarks).
 */
export { run } from './_pageWeight.ts';
