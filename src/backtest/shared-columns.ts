/**
 * Typed arrays over shared memory: a structured clone of one (a worker thread's `workerData`) shares
 * its memory instead of copying it, so `backtest`'s comparison run on a worker thread (comparison.ts)
 * reads the very columns the main run reads. Reading and writing them is as fast as an ordinary
 * array's. The data-dir reader keeps its columns here from the start (multi-file.ts, prices.ts):
 * nine pairs of a million minute bars are ~80 MB that are then never copied.
 */
type Column = Float64Array | Uint32Array | Uint8Array;
type ColumnType<A extends Column> = { new (buffer: SharedArrayBuffer): A; BYTES_PER_ELEMENT: number };

/** A zeroed array of n elements in shared memory. */
export function sharedArray<A extends Column>(type: ColumnType<A>, n: number): A {
  return new type(new SharedArrayBuffer(n * type.BYTES_PER_ELEMENT));
}

const isShared = (a: Column): boolean => a.buffer instanceof SharedArrayBuffer;

/** `a` itself when it is shared already, else a copy of it in shared memory. */
export function sharedCopy<A extends Column>(a: A): A {
  if (isShared(a)) return a;
  const b = sharedArray(a.constructor as ColumnType<A>, a.length);
  (b as { set(src: ArrayLike<number>): void }).set(a);
  return b;
}
