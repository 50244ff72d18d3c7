/**
 * AMQP topic matching: `*` is exactly one word, `#` is zero or more words.
 * The in-process broker routes with it; the types below let `subscribe` type its handler.
 */
export function topicMatches (pattern: string, routingKey: string): boolean {
  return matchWords(pattern.split('.'), 0, routingKey.split('.'), 0)
}

function matchWords (pattern: string[], p: number, key: string[], k: number): boolean {
  if (p === pattern.length) return k === key.length
  const word = pattern[p]
  if (word === '#') {
    for (let skip = k; skip <= key.length; skip++) {
      if (matchWords(pattern, p + 1, key, skip)) return true
    }
    return false
  }
  if (k === key.length) return false
  return (word === '*' || word === key[k]) && matchWords(pattern, p + 1, key, k + 1)
}

type Words<S extends string> = S extends `${infer Head}.${infer Tail}` ? [Head, ...Words<Tail>] : [S]

type MatchWords<Key extends string[], Pattern extends string[]> =
  Pattern extends [infer P, ...infer Rest extends string[]]
    ? P extends '#'
      ? MatchWords<Key, Rest> extends true
        ? true
        : Key extends [string, ...infer KeyRest extends string[]] ? MatchWords<KeyRest, Pattern> : false
      : Key extends [infer K, ...infer KeyRest extends string[]]
        ? P extends '*' ? MatchWords<KeyRest, Rest> : P extends K ? MatchWords<KeyRest, Rest> : false
        : false
    : Key extends [] ? true : false

/** The names among `Names` a pattern routes; every name when the pattern is not a literal. */
export type MatchingNames<Names extends string, Pattern extends string> = string extends Pattern
  ? Names
  : Names extends unknown ? (MatchWords<Words<Names>, Words<Pattern>> extends true ? Names : never) : never
