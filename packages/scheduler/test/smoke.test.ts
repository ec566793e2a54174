import { join } from 'node:path';
import { Scheduler } from '@wyn/scheduler';

const filename = join(__dirname, 'fixtures', 'tasks.js');

test('smoke', async () => {
  const pool = new Scheduler({ filename, workers: 2 });
  expect(await pool.run(41)).toBe(42);
  expect(await pool.run({ op: 'echo', value: { a: [1, 'x', 2.5] } })).toEqual({ a: [1, 'x', 2.5] });
  expect(await pool.run({ op: 'fib', n: 20 })).toBe(6765);
  const all = await Promise.all(Array.from({ length: 1000 }, (_, i) => pool.run(i)));
  expect(all[999]).toBe(1000);
  await expect(pool.run({ op: 'throw', message: 'boom' })).rejects.toThrow('boom');
  await pool.close();
});
