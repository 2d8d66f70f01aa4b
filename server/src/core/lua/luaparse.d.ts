declare module 'luaparse' {
  export interface ParseOptions {
    luaVersion?: string;
    locations?: boolean;
    ranges?: boolean;
    scope?: boolean;
    comments?: boolean;
    encodingMode?: string;
  }
  export interface Node {
    type: string;
    range?: [number, number];
    [key: string]: unknown;
  }
  export interface SyntaxErrorLike extends Error {
    index: number;
    line: number;
    column: number;
  }
  export function parse(code: string, options?: ParseOptions): Node;
}
