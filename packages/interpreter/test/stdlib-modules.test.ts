// stdlib/modules.ts names each file's modules so that it can build their tables
// on first use; the lists must say exactly what the files define.

import { stdlibMembers } from '../src/stdlib/modules';
import { CODEC_MODULES } from '../src/stdlib/modules-codec';
import { CORE_MODULES } from '../src/stdlib/modules-core';
import { DATA_MODULES } from '../src/stdlib/modules-data';
import { FILE_MODULES } from '../src/stdlib/modules-file';
import { RANDOM_MODULES } from '../src/stdlib/modules-random';
import { SET_MODULES } from '../src/stdlib/modules-set';
import { SYSTEM_MODULES } from '../src/stdlib/modules-system';
import { TERMINAL_MODULES } from '../src/stdlib/modules-terminal';
import { TEST_MODULES } from '../src/stdlib/modules-test';
import { TIME_MODULES } from '../src/stdlib/modules-time';
import { WORLD_MODULES } from '../src/stdlib/modules-world';
import { REGEX_MODULES } from '../src/stdlib/regex';

test('the lazily built module tables are exactly those the stdlib files define', () => {
  const files = [CODEC_MODULES, CORE_MODULES, DATA_MODULES, FILE_MODULES, RANDOM_MODULES, SET_MODULES, SYSTEM_MODULES,
    TERMINAL_MODULES, TEST_MODULES, TIME_MODULES, WORLD_MODULES, REGEX_MODULES];
  const defined = new Map(files.flatMap((table) => Object.entries(table).map(([name, fns]) => [name, Object.keys(fns).sort()])));
  const members = stdlibMembers();
  for (const alias of ['Builder', 'Map', 'Dir']) members.delete(alias);
  expect(new Map([...members].map(([name, fns]) => [name, [...fns].sort()]))).toEqual(defined);
});
