// Golden programs (STYLE.md "Tests"): every tests/conformance/{core,stdlib}
// program runs through `run()` with a recording Host; stdout and the exit
// status must match `.out` / `.exit` exactly. `tests/known-failing.txt` lists
// programs expected to fail, one `path  reason` per line; a listed program
// that passes fails the test, so the list stays true.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeHost, run } from '@wyn/interpreter';
import { recordingHost } from '../packages/interpreter/test/recording-host';

// 361_datetime_fixed reads calendar fields in local time and expects UTC (STDLIB §28).
process.env.TZ = 'UTC';

const root = path.join(__dirname, 'conformance');
const suites = ['core', 'stdlib'];
const known = new Map<string, string>();
for (const line of fs.readFileSync(path.join(__dirname, 'known-failing.txt'), 'utf8').split('\n')) {
  const m = /^(\S+)\s+(.+)$/.exec(line.trim());
  if (m !== null && !line.startsWith('#')) known.set(m[1], m[2]);
}

async function runOne(file: string): Promise<{ stdout: string; status: number }> {
  const rel = path.relative(process.cwd(), file);
  const rec = recordingHost({ base: nodeHost({ args: [rel] }) });
  const cwd = process.cwd();
  process.chdir(path.dirname(file));
  try {
    const status = await run(path.basename(file), fs.readFileSync(file, 'utf8'), rec.host);
    return { stdout: rec.stdout(), status };
  } finally {
    process.chdir(cwd);
  }
}

for (const suite of suites) {
  const dir = path.join(root, suite);
  const programs = fs.readdirSync(dir).filter((f) => f.endsWith('.wyn')).sort();
  describe(suite, () => {
    for (const p of programs) {
      const key = `${suite}/${p}`;
      test(`${key} prints its expected output and exits with its expected status`, async () => {
        const base = path.join(dir, p.slice(0, -4));
        const expOut = fs.readFileSync(base + '.out', 'utf8');
        const expExit = fs.existsSync(base + '.exit') ? Number(fs.readFileSync(base + '.exit', 'utf8').trim()) : 0;
        const got = await runOne(path.join(dir, p));
        const pass = got.stdout === expOut && got.status === expExit;
        if (known.has(key)) {
          expect({ key, passes: pass, reason: known.get(key) }).toEqual({ key, passes: false, reason: known.get(key) });
        } else {
          expect({ stdout: got.stdout, status: got.status }).toEqual({ stdout: expOut, status: expExit });
        }
      });
    }
  });
}
