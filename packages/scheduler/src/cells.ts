/**
 * Atomic int64 cells (Wyn's `Shared`, CONCURRENCY.md §8.1): one 16-byte
 * record each in the cells slab, the value in its second half so the first
 * word can serve as the free-list link. Every operation is a single
 * `Atomics` read-modify-write on a BigInt64Array, hence linearizable; any
 * thread may read or write any cell, whoever created it.
 */
import type { SharedState } from './state';

export class Cells {
  private i64: BigInt64Array;

  constructor(private readonly state: SharedState) {
    this.i64 = this.refresh();
  }

  create(initial: bigint | number = 0n): number {
    const cell = this.state.cells.alloc();
    Atomics.store(this.view(cell), cell * 2 + 1, BigInt(initial));
    return cell;
  }

  free(cell: number): void {
    this.state.cells.free(cell);
  }

  load(cell: number): bigint {
    return Atomics.load(this.view(cell), cell * 2 + 1);
  }

  store(cell: number, value: bigint): void {
    Atomics.store(this.view(cell), cell * 2 + 1, value);
  }

  /** Adds and returns the old value, wrapping at 64 bits like the reference. */
  add(cell: number, delta: bigint): bigint {
    return Atomics.add(this.view(cell), cell * 2 + 1, delta);
  }

  sub(cell: number, delta: bigint): bigint {
    return Atomics.sub(this.view(cell), cell * 2 + 1, delta);
  }

  exchange(cell: number, value: bigint): bigint {
    return Atomics.exchange(this.view(cell), cell * 2 + 1, value);
  }

  /** Stores `replacement` if the cell holds `expected`; returns what it held. */
  compareExchange(cell: number, expected: bigint, replacement: bigint): bigint {
    return Atomics.compareExchange(this.view(cell), cell * 2 + 1, expected, replacement);
  }

  private view(cell: number): BigInt64Array {
    return (cell + 1) * 2 <= this.i64.length ? this.i64 : this.refresh(cell);
  }

  private refresh(cell = 0): BigInt64Array {
    const i32 = this.state.cells.view(cell);
    this.i64 = new BigInt64Array(i32.buffer, 0, i32.length / 2);
    return this.i64;
  }
}
