// Renders a Diagnostic the way STYLE.md ("Diagnostics") shows:
//
//   examples/count.wyn:2:7: error[E0103]: undefined variable `cout`
//     1 | count = 0
//   > 2 | print(cout + 1)
//       |       ^^^^ not defined here
//     3 | print(count)
//   hint: did you mean `count`?
//
// One line of context above and below, `>` on the lines of the span, carets
// under the span on its first line (tabs copied so carets line up).

import type { Diagnostic } from './diagnostics';
import type { SourceFile } from './span';

export interface RenderOptions {
  color?: boolean;
}

const ansi = {
  bold: '\x1b[1m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  blue: '\x1b[34m',
  cyan: '\x1b[36m',
  reset: '\x1b[0m',
};

/** Largest number of source lines of one span that get a `>` marker. */
const MAX_MARKED_LINES = 6;
/** Longer source lines are cut to a window around the span. */
const MAX_LINE = 100;

export function renderDiagnostic(d: Diagnostic, source: SourceFile | undefined, options: RenderOptions = {}): string {
  const paint = (style: string, text: string) => (options.color ? style + text + ansi.reset : text);
  const sevStyle = d.severity === 'error' ? ansi.bold + ansi.red : ansi.bold + ansi.yellow;
  const out: string[] = [];
  out.push(
    `${d.file}:${d.span.line}:${d.span.col}: ${paint(sevStyle, `${d.severity}[${d.code}]`)}: ${paint(ansi.bold, d.message)}`,
  );
  if (source !== undefined && source.text.length >= d.span.start) {
    out.push(...codeFrame(d, source, paint));
  }
  if (d.hint !== undefined) out.push(`${paint(ansi.bold + ansi.cyan, 'hint:')} ${d.hint}`);
  return out.join('\n') + '\n';
}

function codeFrame(d: Diagnostic, source: SourceFile, paint: (style: string, text: string) => string): string[] {
  const first = d.span.line;
  const endPos = source.position(Math.max(d.span.start, d.span.end - 1));
  const last = Math.min(Math.max(endPos.line, first), first + MAX_MARKED_LINES - 1);
  const from = Math.max(1, first - 1);
  const to = Math.min(source.lineCount, last + 1);
  const width = String(to).length;
  const gutter = (marker: string, n: number | null) =>
    paint(ansi.blue, `${marker} ${n === null ? ' '.repeat(width) : String(n).padStart(width)} |`);
  const lines: string[] = [];
  // One horizontal window for every line shown, so the carets stay aligned.
  const cut = d.span.col > MAX_LINE - 20 ? d.span.col - 40 : 0;
  for (let n = from; n <= to; n++) {
    const text = window(source.lineText(n), cut);
    if (n === to && n > last && text.trim() === '') continue;
    const marked = n >= first && n <= last;
    lines.push(`${gutter(marked ? '>' : ' ', n)}${text.length > 0 ? ' ' + text : ''}`);
    if (n === first) {
      const shifted = { ...d, span: { ...d.span, col: d.span.col - cut + (cut > 0 ? 1 : 0) } };
      const endCol = endPos.line === first ? Math.min(endPos.col - cut + (cut > 0 ? 1 : 0), text.length) : text.length;
      lines.push(`${gutter(' ', null)} ${caretLine(shifted, text, endCol, paint)}`);
    }
  }
  return lines;
}

/** The part of a line from column `cut` on, at most MAX_LINE long, with `…` where text was cut. */
function window(text: string, cut: number): string {
  let shown = cut > 0 ? '…' + text.slice(cut) : text;
  if (shown.length > MAX_LINE) shown = shown.slice(0, MAX_LINE) + '…';
  return shown;
}

function caretLine(d: Diagnostic, text: string, endCol: number, paint: (style: string, text: string) => string): string {
  const startCol = d.span.col;
  let pad = '';
  for (let i = 0; i < startCol - 1; i++) pad += text[i] === '\t' ? '\t' : ' ';
  // endCol is the column of the span's last character (inclusive).
  const count = Math.max(1, endCol - startCol + (d.span.end > d.span.start ? 1 : 0));
  const label = d.label !== undefined ? ' ' + d.label : '';
  return pad + paint(ansi.bold + ansi.red, '^'.repeat(count) + label);
}
