// The state of a task as Conc (runtime.ts) runs, parks and resumes it:
// the message it is queued as, what it waits for when parked, what it keeps
// while parked, and what a thread had installed before it entered. Kept
// apart from Conc so that what a parked task costs is visible in one place
// (a million of them may be parked at once).

import type { Site } from '../runtime/errors';
import type { FnInstance } from '../program';
import type { Leaf } from './gen';

/** What a suspended task waits for: any of these futures or channel conditions. */
export interface Req {
  futs?: number[];
  chans?: number[];
  op?: 'send' | 'recv';
  /** A sleep: not counted as blocked, so no deadlock is reported meanwhile. */
  timer?: boolean;
}
export type Gen<T> = Generator<Req, T, void>;

/** A queued task: [spawnable index, global snapshot or null, ...arguments], all plain data. */
export type TaskMsg = unknown[];

export const NO_GLOBALS: unknown[] = [];

export function taskSite(inst: FnInstance): Site {
  return (inst.taskSite ??= { file: inst.def.mod.file, span: inst.def.decl.nameSpan });
}

/** The call stack a task of `inst` starts with: one array for all of them (sites are replaced, never changed in place). */
export function taskSites(inst: FnInstance): Site[] {
  return (inst.taskSites ??= [taskSite(inst)]);
}

export const NO_SITES: Site[] = [];
export const NO_HANDLES: number[] = [];

/**
 * `sites` when it holds `all[from..to)` already (a task parked where it
 * parked before, or in its first frame), else a copy of that range.
 */
export function sitesOf(sites: Site[], all: Site[], from: number, to: number): Site[] {
  if (sites.length !== to - from) return all.slice(from, to);
  for (let i = 0; i < sites.length; i++) if (sites[i] !== all[from + i]) return all.slice(from, to);
  return sites;
}

/** A wait on several things (futures, channels): the first to fire resumes the task, the others find it fired. */
export interface ParkGuard {
  st: TaskState;
  fired: boolean;
}

/** What `runInline` returns when the task failed (reported): its future never completes (§10.1). */
export const TASK_FAILED = Symbol('task failed');

export interface TaskState {
  /** The task's future (0 for a detached, fire-and-forget task). */
  fid: number;
  G: unknown[];
  sites: Site[];
  /** How the task runs: a generator, or (with its first frame in `fr`) its body's statement leaf (conc/gen.ts). */
  run: Gen<number> | Leaf | null;
  fr: unknown[] | null;
  /** NEVER_PARKED, or how it parked last: PARKED_BLOCKED, or PARKED_TIMER (a sleep, not counted as blocked). */
  park: number;
}

export const NEVER_PARKED = 0;
export const PARKED_BLOCKED = 1;
export const PARKED_TIMER = 2;

/**
 * What a thread had installed before a task entered (Conc.enter). `depth` is
 * also the entered task's base call depth on this thread: a resumed task may
 * sit at another depth than where it parked.
 */
export interface Saved { G: unknown[] | null; depth: number; base: number; cur: TaskState | null; held: number }
