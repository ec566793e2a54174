// The `wyn` command line (STYLE.md, "CLI"). `main` parses argv with yargs (which
// never exits the process and never prints by itself: its output comes back to
// us), runs the chosen verb and returns the exit status:
//   0 success, 1 the program or check failed, 2 usage error.

import type yargsType from 'yargs';
import { type CheckFormat, checkCommand, checkFormats } from './commands/check';
import { runFile, runSource } from './commands/run';
import { type ColorMode, colorModes, useColor } from './color';
import type { Io } from './io';
import { fmtVerb, replVerb, testVerb } from './verbs';

export const VERSION = '0.1.0';

type Action = () => Promise<number>;

class UsageError extends Error {}

function buildParser(io: Io, setAction: (a: Action) => void) {
  const color = (args: { color?: string }) => useColor((args.color ?? 'auto') as ColorMode, io, io.stderr);
  // Loaded on demand: yargs costs more start-up time than a small program's whole run.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yargs = require('yargs') as typeof yargsType;
  return yargs()
    .scriptName('wyn')
    .version(false)
    .usage('Usage: wyn <command> [options]\n\nRun and check Wyn programs.')
    .option('color', {
      choices: colorModes as ColorMode[],
      default: 'auto' as ColorMode,
      describe: 'colour diagnostics: auto follows NO_COLOR, FORCE_COLOR and whether stderr is a terminal',
      global: true,
    })
    .option('version', { alias: 'V', type: 'boolean', describe: 'print the version and exit' })
    .option('eval', { alias: 'e', type: 'string', describe: 'run CODE as a program', requiresArg: true })
    .parserConfiguration({ 'populate--': true })
    .command(
      'check <files..>',
      'parse and check files without running them',
      (y) =>
        y
          .positional('files', { type: 'string', array: true, describe: 'Wyn source files', demandOption: true })
          .option('format', { choices: checkFormats as CheckFormat[], default: 'text' as CheckFormat, describe: 'text on stderr, or JSON Lines on stdout' })
          .example('wyn check app.wyn lib/util.wyn', 'report every syntax and type error in both files'),
      (args) => setAction(() => checkCommand({ files: args.files as string[], color: color(args), format: args.format }, io)),
    )
    .command(
      'fmt <files..>',
      'lay out files in the canonical style, keeping comments',
      (y) =>
        y
          .positional('files', { type: 'string', array: true, describe: 'Wyn source files', demandOption: true })
          .option('check', { type: 'boolean', default: false, describe: 'write nothing; list the files that would change and exit 1 if any' })
          .option('stdout', { type: 'boolean', default: false, describe: 'print the formatted text instead of rewriting the files' })
          .example('wyn fmt --check src/*.wyn', 'fail when a file is not formatted'),
      (args) =>
        setAction(() => fmtVerb()({ files: args.files as string[], check: args.check, stdout: args.stdout, color: color(args) }, io)),
    )
    .command(
      'run <file> [args..]',
      'run a program; arguments after the file (or after --) go to System.args()',
      (y) =>
        y
          .positional('file', { type: 'string', describe: 'the program', demandOption: true })
          .positional('args', { type: 'string', array: true, describe: 'program arguments' })
          .option('workers', {
            type: 'number',
            requiresArg: true,
            describe: 'worker threads beside main for spawned tasks (default: CPUs − 1, at least 1)',
          })
          .example('wyn run app.wyn -- input.txt 3', 'run app.wyn with two arguments')
          .example('wyn run --workers 4 app.wyn', 'run app.wyn with four worker threads'),
      (args) => {
        const rest = [...((args.args as string[] | undefined) ?? []), ...((args['--'] as string[] | undefined) ?? [])].map(String);
        const workers = args.workers as number | undefined;
        // CONCURRENCY.md §12: at least one worker, so a spawned task always has a thread to run on.
        if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) {
          throw new UsageError('--workers must be a whole number of at least 1');
        }
        setAction(() => runFile(args.file as string, rest, io, workers === undefined ? {} : { workers }));
      },
    )
    .command(
      'test [path]',
      'run the test_*.wyn files under PATH: their `test "name" { }` blocks, or the whole file',
      (y) =>
        y
          .positional('path', { type: 'string', default: '.', describe: 'a folder to search, or one test file' })
          .option('filter', { type: 'string', requiresArg: true, describe: 'run only the tests whose name contains TEXT' })
          .example('wyn test tests --filter parse', 'run the tests under tests/ named with "parse"'),
      (args) => setAction(() => testVerb()({ path: args.path, filter: args.filter ?? null, color: color(args) }, io)),
    )
    .command(
      'repl',
      'start an interactive session (bare `wyn` does this on a terminal)',
      (y) => y.example('WYN_REPL_HISTORY= wyn repl', 'a session that keeps no history'),
      (args) => setAction(() => repl(io, color(args))),
    )
    .command('$0', false, (y) => y, (args) => {
      if (args.version === true) {
        setAction(async () => {
          io.stdout.write(`wyn ${VERSION}\n`);
          return 0;
        });
      } else if (typeof args.eval === 'string') {
        setAction(() => runSource(args.eval as string, { name: '<eval>', args: (args._ as string[]).map(String) }, io));
      } else if (args._.length === 0 && !io.stdinIsTTY) {
        setAction(async () => runSource(await io.readStdin(), { name: '<stdin>', args: [] }, io));
      } else if (args._.length === 0) {
        setAction(() => repl(io, color(args)));
      }
    })
    .example('wyn run app.wyn', 'run a program')
    .example("wyn -e 'print(6 * 7)'", 'run a one-line program')
    .example('cat app.wyn | wyn', 'run a program read from stdin')
    .example('wyn check app.wyn', 'check a file without running it')
    .help('help')
    .alias('help', 'h')
    .strict()
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    })
    .wrap(Math.min(100, process.stdout.columns ?? 100));
}

/** The REPL drives the streams as a terminal only when both ends are one. */
function repl(io: Io, color: boolean): Promise<number> {
  const { input, output } = io.replStreams;
  return replVerb()(io, { color, input, output, terminal: io.stdinIsTTY && io.stdout.isTTY });
}

/**
 * The common invocations — `wyn run FILE [ARGS]`, `wyn run FILE -- ARGS`,
 * `wyn -e CODE` — when they carry no option that yargs would have to read.
 * They mean exactly what yargs would make of them.
 */
function fastPath(argv: string[], io: Io): Action | null {
  if (argv.length === 2 && (argv[0] === '-e' || argv[0] === '--eval') && !argv[1].startsWith('-')) {
    return () => runSource(argv[1], { name: '<eval>', args: [] }, io);
  }
  if (argv[0] !== 'run' || argv.length < 2) return null;
  const dash = argv.indexOf('--');
  const beforeDash = dash < 0 ? argv.slice(1) : argv.slice(1, dash);
  if (beforeDash.length === 0 || beforeDash.some((a) => a.startsWith('-'))) return null;
  const args = [...beforeDash.slice(1), ...(dash < 0 ? [] : argv.slice(dash + 1))];
  return () => runFile(beforeDash[0], args, io);
}

export async function main(argv: string[], io: Io): Promise<number> {
  const fast = fastPath(argv, io);
  if (fast !== null) return fast();
  let action: Action | null = null;
  let output = '';
  try {
    await buildParser(io, (a) => (action = a)).parseAsync(argv, {}, (_err, _args, out) => {
      output = out;
    });
  } catch (e) {
    if (!(e instanceof UsageError) && !(e instanceof Error && e.name === 'YError')) throw e;
    io.stderr.write(`wyn: ${(e as Error).message}\nhint: run \`wyn --help\` for usage\n`);
    return 2;
  }
  if (output !== '') {
    io.stdout.write(output.endsWith('\n') ? output : output + '\n');
    return 0;
  }
  const chosen = action as Action | null;
  if (chosen === null) {
    io.stderr.write('wyn: no command given\nhint: run `wyn --help` for usage\n');
    return 2;
  }
  return chosen();
}
