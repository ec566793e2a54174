// @wyn/parser: the Wyn grammar (Ohm), the typed AST, source spans and diagnostics.
export * from './ast';
export * from './diagnostics';
export { parse, type ParseResult } from './parse';
export { printProgram } from './print/statements';
export { renderDiagnostic, type RenderOptions } from './render';
export { SourceFile, type Span } from './span';
