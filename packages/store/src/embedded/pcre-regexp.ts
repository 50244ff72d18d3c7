import { regExpTokens, type ClassItem, type RegExpToken } from '../query/regexp-source.js'

/** One character from U+10000 on: PCRE in UTF mode (MongoDB's) matches it as one, JavaScript as two units. */
const PAIR = '[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]'
/** PCRE's `\s` without Unicode properties (MongoDB does not set them): ASCII whitespace only. */
const SPACE = '\\t\\n\\v\\f\\r '
/** Escapes that match a character from U+10000 on in PCRE (a non-space, non-word, non-digit). */
const MATCHING_ASTRAL = new Set(['\\S', '\\W', '\\D'])

/**
 * The pattern rewritten so that JavaScript matches what MongoDB's PCRE matches for the same
 * source (which the MongoDB adapter sends as is): PCRE compiled with UTF, newline LF, no
 * Unicode properties. Checked by `regExpRefusal` first, so the source holds nothing else
 * the two dialects read differently. The rewritten pattern carries no `m` flag: its anchors
 * say what they mean.
 */
export function toPcreRegExp (pattern: RegExp): RegExp {
  const multiline = pattern.flags.includes('m')
  const source = regExpTokens(pattern.source).map((token) => rewrite(token, multiline)).join('')
  return new RegExp(source, pattern.flags.replace('m', ''))
}

function rewrite (token: RegExpToken, multiline: boolean): string {
  if (token.kind === 'class') return rewriteClass(token.negated, token.items)
  if (token.kind === 'escape') {
    if (token.text === '\\s') return `[${SPACE}]`
    if (token.text === '\\S') return `(?:${PAIR}|[^${SPACE}])`
    return MATCHING_ASTRAL.has(token.text) ? `(?:${PAIR}|${token.text})` : token.text
  }
  switch (token.text) {
    // PCRE's `$` also matches before a newline that ends the string; with m, before any \n (not \r).
    case '$': return multiline ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))'
    // With m, PCRE's `^` matches after any \n but the one that ends the string.
    case '^': return multiline ? '(?:^|(?<=\\n)(?=[\\s\\S]))' : '^'
    // PCRE's `.` excludes \n only; JavaScript's also excludes \r, U+2028 and U+2029.
    case '.': return `(?:${PAIR}|[^\\n])`
    // A quantifier after the character then applies to all of it, not to its second half.
    default: return token.text.length === 2 ? `(?:${token.text})` : token.text
  }
}

/**
 * A class with `\s` made ASCII and `\S` taken out as an alternative (a class cannot hold a
 * complement). One that matches characters from U+10000 on in PCRE (negated, or holding `\S`,
 * `\W` or `\D`) gets the surrogate pair as an alternative; classes hold no surrogates themselves.
 */
function rewriteClass (negated: boolean, items: ClassItem[]): string {
  const nonSpace = items.some((item) => item.kind === 'escape' && item.text === '\\S')
  const body = items
    .filter((item) => !(item.kind === 'escape' && item.text === '\\S'))
    .map((item) => item.kind === 'escape' && item.text === '\\s' ? SPACE : item.text)
    .join('')
  const holdsAstral = items.some((item) => item.kind === 'escape' && MATCHING_ASTRAL.has(item.text))
  let single: string
  if (!nonSpace) single = `[${negated ? '^' : ''}${body}]`
  else if (!negated) single = body === '' ? `[^${SPACE}]` : `(?:[${body}]|[^${SPACE}])`
  // Neither in the class nor a non-space: a space the class does not hold.
  else single = body === '' ? `[${SPACE}]` : `(?:(?![${body}])[${SPACE}])`
  return negated !== holdsAstral ? `(?:${PAIR}|${single})` : single
}
