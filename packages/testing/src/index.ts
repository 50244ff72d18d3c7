export { waitFor } from './wait-for.js'
export type { Equal, Expect } from './type-assertions.js'
