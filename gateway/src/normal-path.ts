/**
 * A request target is in its normal form when no server on the way to a
 * service can read its path differently from the way the gateway routed it.
 *
 * The gateway routes a path as written; a proxy that resolves it with
 * `new URL` (as reply-from did) turns `.` and `..` segments (also spelled
 * `%2e`) into nothing and backslashes into slashes: `/users/./token` was
 * routed under the open `/users` and reached identity as `/users/token`, past
 * the allow-list.
 * Servers behind it may go further (decode `%2f`, drop `;` parameters, merge
 * `//`). Rather than rewrite such a path into one form and hope every reader
 * agrees, the gateway refuses it (400): browsers resolve these spellings before
 * sending, so only hand-made requests carry them, and a refused request cannot
 * be routed one way and served another. A normal path is forwarded unchanged.
 *
 * Not normal: a target that does not start with one `/` (absolute form, `*`,
 * `//`), an empty segment, a `.` or `..` segment in any mix of `.` and `%2e`,
 * a backslash raw or as `%5c`, an encoded slash `%2f`, a `;` or `#` in the path.
 * The query string is not a path and is not judged.
 */
const NOT_NORMAL = /[\\;#]|%2f|%5c|\/\/|\/(?:\.|%2e){1,2}(?:\/|$)/i

const SLASH = 0x2f

export function isNormalPath (target: string): boolean {
  const queryAt = target.indexOf('?')
  const path = queryAt === -1 ? target : target.slice(0, queryAt)
  return path.charCodeAt(0) === SLASH && !NOT_NORMAL.test(path)
}
