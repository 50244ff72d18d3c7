// nedb's document model is not part of its typed entry point; the adapter uses `modify` to apply
// update operators exactly as nedb's own `update` would, and `getDotValue` to read a field as
// nedb's indexes do.
declare module '@seald-io/nedb/lib/model.js' {
  export function modify (document: Record<string, unknown>, update: Record<string, unknown>): Record<string, unknown>
  export function getDotValue (document: Record<string, unknown>, path: string): unknown
}
