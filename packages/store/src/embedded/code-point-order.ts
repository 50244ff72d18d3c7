/**
 * Strings by code point, MongoDB's (binary, UTF-8) order, for nedb's sort. JavaScript compares
 * UTF-16 units, which agrees except where a surrogate (half of a character from U+10000 on)
 * meets U+E000–U+FFFF: there the surrogate must win.
 */
export function compareCodePoints (a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index)
    const y = b.charCodeAt(index)
    if (x !== y) return codePointWeight(x) < codePointWeight(y) ? -1 : 1
  }
  return Math.sign(a.length - b.length)
}

/** Moves surrogates (U+D800–U+DFFF) above U+E000–U+FFFF, keeping every other unit's order. */
function codePointWeight (unit: number): number {
  if (unit < 0xD800) return unit
  return unit <= 0xDFFF ? unit + 0x2000 : unit - 0x800
}
