// Copies what `docker build .` would send as its context (the repository less .dockerignore)
// into a folder, so that CI can run the image's steps on exactly those files:
//
//   node scripts/docker-context.mjs <new folder>
//
// .dockerignore patterns are read as Docker reads them: relative to the root, `*` and `?`
// within one path segment, `**` across any number of them, a matched folder taken whole.
import {
  copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync
} from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** A .dockerignore pattern as a regular expression over a slash-separated relative path. */
export function patternToRegExp (pattern) {
  let source = ''
  const text = pattern.replace(/^\/+/, '').replace(/\/+$/, '')
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (text.startsWith('**/', i)) {
      source += '(?:.*/)?'
      i += 2
    } else if (text.startsWith('**', i)) {
      source += '.*'
      i += 1
    } else if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

export function ignoreRules (text) {
  return text.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#')).map((line) => {
    const negated = line.startsWith('!')
    return { negated, regexp: patternToRegExp(negated ? line.slice(1) : line) }
  })
}

/** Docker's rule: the last pattern that matches decides. */
export function ignored (rules, path) {
  let result = false
  for (const rule of rules) if (rule.regexp.test(path)) result = !rule.negated
  return result
}

function copy (rules, from, to, relative) {
  mkdirSync(to, { recursive: true })
  for (const name of readdirSync(from)) {
    const path = relative ? `${relative}/${name}` : name
    if (ignored(rules, path)) continue
    const source = join(from, name)
    const target = join(to, name)
    const stat = lstatSync(source)
    if (stat.isDirectory()) copy(rules, source, target, path)
    else if (stat.isSymbolicLink()) symlinkSync(readlinkSync(source), target)
    else copyFileSync(source, target)
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2] ? resolve(process.argv[2]) : undefined
  if (!target || existsSync(target)) {
    console.error('usage: node scripts/docker-context.mjs <new folder>')
    process.exit(1)
  }
  copy(ignoreRules(readFileSync(join(root, '.dockerignore'), 'utf8')), root, target, '')
  console.log(`docker-context: ${target}`)
}
