// One command on a fresh clone: install from the lockfile if needed, build, run
// the whole platform in this process on embedded defaults.
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const installed = new URL('../node_modules/.modules.yaml', import.meta.url)
const lockfile = new URL('../pnpm-lock.yaml', import.meta.url)

function run (command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (!existsSync(installed) || statSync(lockfile).mtimeMs > statSync(installed).mtimeMs) {
  console.log('Installing dependencies from the lockfile…')
  run('corepack', ['pnpm', 'install', '--frozen-lockfile'])
}
console.log('Building…')
run(process.execPath, ['node_modules/typescript/bin/tsc', '-b'])

await import('../packages/platform/dist/main.js')
