// The secrets of a compose file's service (`docker-compose config` as JSON): compose mounts each
// one it lists at /run/secrets/<target>, and the processes read them through NAME_FILE.
import { existsSync } from 'node:fs'

/** Where each secret a service lists is in its containers, and the file compose mounts there. */
function mounts (compose, name) {
  const files = new Map()
  for (const entry of compose.services[name].secrets ?? []) {
    const source = typeof entry === 'string' ? entry : entry.source
    const target = typeof entry === 'string' ? entry : entry.target ?? entry.source
    const path = target.startsWith('/') ? target : `/run/secrets/${target}`
    files.set(path, { source, file: compose.secrets?.[source]?.file })
  }
  return files
}

/** The variables of a service that name a secret file, with the path of that file on this machine. */
export function secretFilesOf (compose, name) {
  const files = mounts(compose, name)
  const env = compose.services[name].environment ?? {}
  return Object.fromEntries(
    Object.entries(env)
      .filter(([key, value]) => key.endsWith('_FILE') && files.has(String(value)))
      .map(([key, value]) => [key, files.get(String(value)).file])
  )
}

/** What would keep a service's secrets from reaching it, each naming the secret. */
export function secretProblems (compose, name, exists = (file) => existsSync(file)) {
  const problems = []
  const files = mounts(compose, name)
  for (const { source, file } of files.values()) {
    if (!file) problems.push(`${name}: the secret ${source} has no file`)
    else if (!exists(file)) problems.push(`${name}: the secret ${source} is missing (${file})`)
  }
  for (const [key, value] of Object.entries(compose.services[name].environment ?? {})) {
    if (key.endsWith('_FILE') && String(value).startsWith('/run/secrets/') && !files.has(String(value))) {
      problems.push(`${name}: ${key} names ${value}, a secret the service does not mount`)
    }
  }
  return problems
}
