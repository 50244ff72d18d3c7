// nedb's document model is not part of its typed entry point; the adapter uses `modify` to apply
// update operators exactly as nedb's own `update` would, `getDotValue` to read a field as
// nedb's indexes do, `compareThings` to sort as nedb's cursor does, and `serialize` to write a
// datafile line as nedb does.
declare module '@seald-io/nedb/lib/model.js' {
  export function modify (document: Record<string, unknown>, update: Record<string, unknown>): Record<string, unknown>
  export function getDotValue (document: Record<string, unknown>, path: string): unknown
  export function serialize (document: object): string
  export function compareThings (a: unknown, b: unknown, compareStrings?: (a: string, b: string) => number): number
}
