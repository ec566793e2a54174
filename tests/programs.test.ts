// Golden programs written from the spec rather than from the reference's
// output (issue #4): every tests/programs/NNN_topic.wyn runs through the CLI's
// `main(['run', file], io)` from its own directory, so module imports and
// diagnostics show paths relative to it. Its stdout and exit status must match
// `.out` / `.exit` (conformance-helpers reads them the way the corpus stores
// them). Where the program fails on purpose, `.err` holds the exact standard
// error; elsewhere standard error must stay empty. Formatted by `wyn fmt`, each
// program still behaves the same. tests/programs/lib/ holds modules the
// programs import; they are not programs themselves.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '@wyn/cli';
import { format } from '@wyn/parser';
import { memoryIo } from '../packages/cli/test/memory-io';
import { expectation, runConformance } from './conformance-helpers';

const dir = path.join(__dirname, 'programs');
const programs = fs.readdirSync(dir).filter((f) => /^\d{3}_\w+\.wyn$/.test(f)).sort();

test('the programs are there, each with its expected output', () => {
  expect(programs.length).toBeGreaterThanOrEqual(15);
  for (const p of programs) expect(fs.existsSync(path.join(dir, p.replace(/\.wyn$/, '.out')))).toBe(true);
});

test.each(programs)('%s prints its expected output, exits with its expected status, and keeps stderr as expected', async (p) => {
  const io = memoryIo({ cwd: dir });
  const status = await main(['run', p], io);
  const errFile = path.join(dir, p.replace(/\.wyn$/, '.err'));
  const stderr = fs.existsSync(errFile) ? fs.readFileSync(errFile, 'utf8') : '';
  expect({ stdout: io.out(), status, stderr: io.err() }).toEqual({ ...expectation(path.join(dir, p)), stderr });
});

test.each(programs)('%s behaves the same after formatting', async (p) => {
  const file = path.join(dir, p);
  const formatted = format(fs.readFileSync(file, 'utf8'), p).text;
  expect(formatted).not.toBeNull();
  expect(await runConformance(file, formatted as string)).toEqual(expectation(file));
});
