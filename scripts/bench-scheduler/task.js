// The benchmark task: about 1 µs of arithmetic, the same for every pool.
// A hold task blocks the worker on a shared flag so that tasks stay queued
// while the benchmark measures their memory: peers get the flag's buffer in
// the task, @wyn/scheduler (whose codec copies plain data only) through the
// pool's workerData.
'use strict';
function work(x) {
  let s = x | 0;
  for (let i = 0; i < 300; i++) s = (s * 31 + i) | 0;
  return s;
}
module.exports = function task(x, ctx) {
  if (x === 'hold' || (x !== null && typeof x === 'object')) {
    Atomics.wait(new Int32Array(x === 'hold' ? ctx.workerData.hold : x.hold), 0, 0);
    return 0;
  }
  return work(x);
};
module.exports.work = work;
