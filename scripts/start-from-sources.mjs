// The platform's process from its TypeScript sources, after installing from the lockfile if needed.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import './ensure-installed.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
console.log('Starting the platform from its TypeScript sources (no build)…')
const main = 'packages/platform/src/main.ts'
const args = ['--import', 'tsx', '--conditions=driver-source', main]
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' })
// Ctrl-C reaches both processes from the terminal; a signal sent to this one alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => { child.kill(signal) })
}
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal === 'SIGINT' ? 130 : 1)
})
