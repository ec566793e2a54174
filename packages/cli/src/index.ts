// @wyn/cli: the `wyn` command. The binary (bin/wyn.js) only calls `main`.
export { main, VERSION } from './main';
export { processIo, type Io, type OutStream } from './io';
