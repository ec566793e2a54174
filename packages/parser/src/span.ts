// Source positions. Offsets are UTF-16 code-unit indexes into the source text;
// lines and columns are 1-based and count UTF-16 units, as ohm and tsc do
// (STYLE.md, "Diagnostics").

/** A half-open range `[start, end)` of the source, with the start's line and column. */
export interface Span {
  start: number;
  end: number;
  line: number;
  col: number;
}

/** A source text with its line-start index, built once per file. */
export class SourceFile {
  /** Offsets at which each line starts; `lineStarts[0]` is 0. */
  readonly lineStarts: number[];

  constructor(
    readonly name: string,
    readonly text: string,
  ) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  /** 1-based line and column of an offset (clamped into the text). */
  position(offset: number): { line: number; col: number } {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: at - this.lineStarts[lo] + 1 };
  }

  span(start: number, end: number): Span {
    const { line, col } = this.position(start);
    return { start, end, line, col };
  }

  /** The text of a 1-based line, without its line terminator. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}
