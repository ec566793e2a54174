// The verbs other than `run`, loaded only when chosen: every `wyn run` pays
// for what main.ts loads, and the REPL alone pulls in node:repl.
/* eslint-disable @typescript-eslint/no-require-imports */

export const fmtVerb = () => (require('./commands/fmt') as typeof import('./commands/fmt')).fmtCommand;
export const testVerb = () => (require('./commands/test') as typeof import('./commands/test')).testCommand;
export const replVerb = () => (require('./repl/repl') as typeof import('./repl/repl')).startRepl;
