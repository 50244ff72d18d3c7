/** One character of a class, or an escape inside it, as written (ranges stay three items: `a`, `-`, `z`). */
export type ClassItem = { kind: 'escape', text: string } | { kind: 'literal', text: string }

/**
 * A piece of a RegExp source read the way JavaScript reads it without the `u` flag (the only way
 * the store accepts): an escape (`\d`, `\$`, `\k<name>`), a character class, or anything else
 * verbatim — one character, a surrogate pair kept whole, or a group's name (`(?<name>`).
 */
export type RegExpToken = ClassItem | { kind: 'class', negated: boolean, items: ClassItem[] }

/**
 * Splits a valid source into tokens. Enough of the grammar for the store to check and rewrite
 * patterns: what matters is never mistaking an escaped or in-class `$`, `^` or `.` for the
 * operator, and where a class ends (in JavaScript the first unescaped `]`, even right after `[`).
 */
export function regExpTokens (source: string): RegExpToken[] {
  const tokens: RegExpToken[] = []
  let index = 0
  while (index < source.length) {
    const char = source.charAt(index)
    if (char === '\\') {
      const text = escapeAt(source, index)
      tokens.push({ kind: 'escape', text })
      index += text.length
    } else if (char === '[') {
      const negated = source.charAt(index + 1) === '^'
      index += negated ? 2 : 1
      const items: ClassItem[] = []
      while (index < source.length && source.charAt(index) !== ']') {
        const item: ClassItem = source.charAt(index) === '\\'
          ? { kind: 'escape', text: escapeAt(source, index) }
          : { kind: 'literal', text: source.charAt(index) }
        items.push(item)
        index += item.text.length
      }
      tokens.push({ kind: 'class', negated, items })
      index += 1
    } else {
      const text = groupNameAt(source, index) ?? surrogatePairAt(source, index) ?? char
      tokens.push({ kind: 'literal', text })
      index += text.length
    }
  }
  return tokens
}

/**
 * `\k<name>` whole (a `$` may appear in the name), `\xHH` and `\cX` whole, otherwise the
 * backslash and one character (so a lone `\x` or `\c` stands out).
 */
function escapeAt (source: string, index: number): string {
  if (source.startsWith('\\k<', index)) {
    const end = source.indexOf('>', index)
    if (end !== -1) return source.slice(index, end + 1)
  }
  const letter = source.charAt(index + 1)
  if (letter === 'x' && /^[0-9A-Fa-f]{2}$/.test(source.slice(index + 2, index + 4))) return source.slice(index, index + 4)
  if (letter === 'c' && /^[A-Za-z]$/.test(source.charAt(index + 2))) return source.slice(index, index + 3)
  return source.slice(index, index + 2)
}

/** `(?<name>` whole, but not the lookbehinds `(?<=` and `(?<!`. */
function groupNameAt (source: string, index: number): string | undefined {
  if (!source.startsWith('(?<', index) || source.charAt(index + 3) === '=' || source.charAt(index + 3) === '!') return undefined
  const end = source.indexOf('>', index)
  return end === -1 ? undefined : source.slice(index, end + 1)
}

function surrogatePairAt (source: string, index: number): string | undefined {
  const high = source.charCodeAt(index)
  const low = source.charCodeAt(index + 1)
  return high >= 0xD800 && high <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF ? source.slice(index, index + 2) : undefined
}
