/**
 * For type tests (`*.test-d.ts`, checked by `pnpm typecheck`, never run):
 *
 *     export type Checks = [Expect<Equal<EventName<Contracts>, 'sms.phone_verified'>>]
 *
 * `Equal` is true only for identical types, not for types merely assignable to each other
 * (`'a'` vs `string`, `any` vs anything, a missing or extra optional property).
 */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false

/** Compiles only when given `true`: wrap an `Equal<…>` in it so a mismatch is a type error. */
export type Expect<T extends true> = T
