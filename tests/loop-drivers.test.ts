// Hot loops get drivers of their own compiled with `new Function`
// (packages/interpreter/src/exec/loop-drivers.ts). Where code generation
// from strings is disallowed, loops keep the shared drivers and give the
// same results: the golden loop programs under
// --disallow-code-generation-from-strings, in a child process.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

// A hang guard, not a performance limit.
jest.setTimeout(120_000);

const cli = path.join(__dirname, '..', 'scripts', 'wyn-src.js');
const programs = path.join(__dirname, 'programs');

test.each(['038_hot_loop_drivers', '039_hot_loop_drivers_script', '037_range_loop_chunks'])(
  '%s prints the same without code generation from strings',
  (name) => {
    const stdout = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '--stack-size=7000', cli, 'run', `${name}.wyn`], {
      cwd: programs,
      encoding: 'utf8',
      timeout: 100_000,
    });
    expect(stdout).toBe(fs.readFileSync(path.join(programs, `${name}.out`), 'utf8'));
  },
);
