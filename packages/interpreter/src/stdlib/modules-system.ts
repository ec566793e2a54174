// System, Env, Process and Os (STDLIB §15). Commands run through the Host's
// `/bin/sh -c`; stdout is flushed first so the child's output lands after
// ours (DESIGN §3). Environment changes affect children started later.

import { ExitSignal } from '../runtime/errors';
import type { Runtime } from '../runtime/runtime';
import { fromBytes, fromUtf8, toUtf8 } from '../runtime/values';
import { arrayOf, INT, STRING, VOID } from '../types';
import { fn, type ModuleTable } from './entry';

function exec(rt: Runtime, cmd: unknown): { status: number; stdout: string } {
  rt.flush();
  const r = rt.host.exec(toUtf8(cmd as string));
  return { status: r.status, stdout: fromBytes(r.stdout) };
}

/** `KEY=VALUE` lines; blank lines and `#` comments skipped; one level of surrounding quotes removed. */
function loadEnv(rt: Runtime, path: string): void {
  const data = rt.host.readFile(path);
  if (data === null) return;
  for (const raw of new TextDecoder().decode(data).split('\n')) {
    const line = raw.trim();
    const eq = line.indexOf('=');
    if (line === '' || line.startsWith('#') || eq < 0) continue;
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) value = value.slice(1, -1);
    rt.host.setEnv(line.slice(0, eq).trim(), value);
  }
}

const args = (rt: Runtime): string[] => rt.host.args().map(fromUtf8);
const getEnv = fn([STRING], STRING, (rt, [n]) => fromUtf8(rt.host.env(toUtf8(n as string)) ?? ''));
const setEnv = fn([STRING, STRING], INT, (rt, [n, v]) => {
  rt.host.setEnv(toUtf8(n as string), toUtf8(v as string));
  return 1;
});
const exit = fn([INT], VOID, (_rt, [n]) => {
  throw new ExitSignal(Number(BigInt.asUintN(8, BigInt(n as number))));
});
const execStatus = fn([STRING], INT, (rt, [c]) => exec(rt, c).status);

export const SYSTEM_MODULES: ModuleTable = {
  System: {
    args: fn([], arrayOf(STRING), args),
    argc: fn([], INT, (rt) => rt.host.args().length),
    arg: fn([INT], STRING, (rt, [i]) => args(rt)[Number(i)] ?? ''),
    env: getEnv,
    set_env: setEnv,
    // stdout including its trailing newline (STDLIB §15).
    exec: fn([STRING], STRING, (rt, [c]) => exec(rt, c).stdout),
    exec_code: execStatus,
    exit,
    shell_escape: fn([STRING], STRING, (_rt, [t]) => `'${(t as string).replace(/'/g, "'\\''")}'`),
    load_env: fn([STRING], VOID, (rt, [p]) => loadEnv(rt, toUtf8(p as string))),
    gc: fn([], VOID, () => undefined),
    time: fn([], INT, (rt) => Math.floor(rt.host.now() / 1000)),
  },
  Env: { get: getEnv, set: setEnv },
  Process: {
    // stdout and stderr together, capped at 128 KiB like the reference's buffer. The braces
    // send the stderr of every command in `cmd` (`a; b`) along, not only the last one's.
    exec_capture: fn([STRING], STRING, (rt, [c]) => exec(rt, `{ ${c as string}\n} 2>&1`).stdout.slice(0, 128 * 1024)),
    exec_status: execStatus,
  },
  Os: {
    platform: fn([], STRING, (rt) => rt.host.platform().os),
    arch: fn([], STRING, (rt) => rt.host.platform().arch),
    pid: fn([], INT, (rt) => rt.host.platform().pid),
    hostname: fn([], STRING, (rt) => fromUtf8(rt.host.platform().hostname)),
    temp_dir: fn([], STRING, (rt) => fromUtf8(rt.host.platform().tmp)),
    home_dir: fn([], STRING, (rt) => fromUtf8(rt.host.env('HOME') ?? rt.host.platform().home)),
    cpus: fn([], INT, (rt) => rt.host.platform().cpus),
    user: fn([], STRING, (rt) => fromUtf8(rt.host.platform().user)),
  },
};
