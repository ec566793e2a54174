// `--color=auto|always|never`. auto: FORCE_COLOR wins, then NO_COLOR
// (https://no-color.org: any non-empty value), then whether the stream is a terminal.

import type { Io, OutStream } from './io';

export type ColorMode = 'auto' | 'always' | 'never';
export const colorModes: readonly ColorMode[] = ['auto', 'always', 'never'];

export function useColor(mode: ColorMode, io: Io, stream: OutStream): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  const noColor = io.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  return stream.isTTY;
}
