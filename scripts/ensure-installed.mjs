// Installs dependencies from the lockfile when a fresh clone has none, or the lockfile changed since.
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { corepackMissing } from './corepack.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const installed = new URL('../node_modules/.modules.yaml', import.meta.url)
const lockfile = new URL('../pnpm-lock.yaml', import.meta.url)

export function run (command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.error) {
    const missing = command === 'corepack' && result.error.code === 'ENOENT'
    console.error(missing ? corepackMissing() : `${command}: ${result.error.message}`)
    process.exit(1)
  }
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (!existsSync(installed) || statSync(lockfile).mtimeMs > statSync(installed).mtimeMs) {
  console.log('Installing dependencies from the lockfile…')
  run('corepack', ['pnpm', 'install', '--frozen-lockfile'])
}
