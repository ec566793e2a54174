// The shape of one standard-library module function (STDLIB §9–§25): its
// parameter types, its result type, and an implementation over evaluated
// arguments. Module files build their tables with `fn`.

import type { Runtime } from '../runtime/runtime';
import type { Site } from '../runtime/errors';
import type { Type } from '../types';

export interface Entry {
  params: Type[];
  /** Extra trailing parameters that may be omitted. */
  optional?: number;
  ret: Type | ((args: Type[]) => Type);
  impl: (rt: Runtime, args: unknown[], site: Site) => unknown;
}
export type ModuleTable = Record<string, Record<string, Entry>>;

export const fn = (params: Type[], ret: Entry['ret'], impl: Entry['impl'], optional = 0): Entry => ({ params, ret, impl, optional });

/** A success flag as the File and System modules return it: 1 or 0 (STDLIB §14). */
export const flag = (ok: boolean): number => (ok ? 1 : 0);
