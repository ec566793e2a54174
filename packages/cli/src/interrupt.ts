// Ctrl-C for Wyn code, which runs synchronously on the main thread: while it
// runs, the event loop is blocked, so a `process.on('SIGINT')` listener
// would run only after the program ended by itself. Node's own REPL solves
// this with the `breakOnSigint` option of `vm` (its `breakEvalOnSigint`,
// which a custom `eval` cannot use): during such a call, a watchdog thread
// catches SIGINT and terminates the JavaScript that runs. We run the
// interpreter's body as that call, so the body is the interpreter's own
// code, not a script.
//
// The catch: termination unwinds every frame at once, without running
// `catch` or `finally` blocks, so the interpreter's state is wherever the
// body was; the caller resets what it can (see the interpreter's session.ts
// and run()). Outside such a call, SIGINT keeps Node's default action.

import type { Interruptible } from '@wyn/interpreter';

type Vm = typeof import('node:vm');

/** The global the script calls: set just for the call, on the global of the realm it runs in. */
const KEY = '__wynInterruptible';
const CALL = `typeof globalThis.${KEY} === 'function' ? (globalThis.${KEY}(), true) : false`;

let vm: Vm | null = null;
let script: import('node:vm').Script | null = null;
/**
 * Where the body runs when this module's global is not the main context's
 * (jest runs modules in a context of its own): a context made for it, which
 * costs milliseconds, so only then.
 */
let ownContext: Record<string, unknown> | null = null;

/** Runs `body`; false when Ctrl-C (SIGINT) stopped it. What `body` throws passes through. */
export const interruptible: Interruptible = (body) => {
  // Loaded on first use: a plain `wyn run` without a terminal never needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  vm ??= require('node:vm') as Vm;
  script ??= new vm.Script(CALL, { filename: 'wyn-interruptible.js' });
  const options = { breakOnSigint: true, displayErrors: false };
  const g = globalThis as unknown as Record<string, unknown>;
  try {
    if (ownContext === null) {
      g[KEY] = body;
      if (script.runInThisContext(options) === true) return true;
      ownContext = vm.createContext({}) as Record<string, unknown>;
    }
    ownContext[KEY] = body;
    script.runInContext(ownContext, options);
    return true;
  } catch (e) {
    if ((e as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED') return false;
    throw e;
  } finally {
    delete g[KEY];
    if (ownContext !== null) delete ownContext[KEY];
  }
};
