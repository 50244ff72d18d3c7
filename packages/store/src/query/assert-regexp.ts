import { regExpTokens, type ClassItem } from './regexp-source.js'

/**
 * Letters both dialects read alike after a backslash. MongoDB runs the pattern as PCRE; other
 * letters there are specials (`\A`, `\Z`, `\h`, `\R`, `\v` a class of vertical space…) or errors
 * (`\u`), while JavaScript reads them as the letter itself or, for `\u` and `\v`, a character.
 */
const SHARED_LETTER_ESCAPES = new Set(['b', 'B', 'c', 'd', 'D', 'f', 'k', 'n', 'r', 's', 'S', 't', 'w', 'W', 'x'])

/**
 * Why a RegExp cannot be used in a filter (as the end of a sentence "the RegExp on … "), or
 * undefined. What is left is rewritten by the embedded adapter to match as PCRE does (anchors,
 * `.`, `\s`, whole characters from U+10000 on); what cannot be rewritten is refused here.
 */
export function regExpRefusal (pattern: RegExp): string | undefined {
  // The driver sends only i and m to the server (and turns g into s); nedb would honour the others.
  if (!/^[im]*$/.test(pattern.flags)) return 'may use only the i and m flags'
  for (const token of regExpTokens(pattern.source)) {
    if (token.kind === 'class') {
      if (token.items.length === 0) return `has the empty class [${token.negated ? '^' : ''}], which PCRE reads as the start of a class holding "]" (for any character, write [\\s\\S])`
      for (const item of token.items) {
        const refusal = itemRefusal(item, true)
        if (refusal !== undefined) return refusal
      }
    } else {
      const refusal = itemRefusal(token, false)
      if (refusal !== undefined) return refusal
    }
  }
  return undefined
}

function itemRefusal (item: ClassItem, inClass: boolean): string | undefined {
  // JavaScript reads `\x` without two hex digits as "x" (`\x{4E00}` too), PCRE as a character code.
  if (item.text === '\\x') return 'uses \\x without two hex digits, which MongoDB\'s PCRE reads differently'
  if (item.text === '\\c') return 'uses \\c without a letter, which MongoDB\'s PCRE reads differently'
  if (item.kind === 'escape') {
    const letter = item.text.charAt(1)
    if (/^[A-Za-z]$/.test(letter) && !SHARED_LETTER_ESCAPES.has(letter)) {
      return `uses \\${letter}, which MongoDB's PCRE reads differently or refuses${letter === 'u' ? ' (write the character itself)' : ''}`
    }
  } else if (inClass && /[\uD800-\uDFFF]/.test(item.text)) {
    return 'has a character from U+10000 on inside [...], which JavaScript reads as two separate halves'
  }
  return undefined
}
