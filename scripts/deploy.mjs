// Builds the workspace and writes what production runs into one folder: the compiled code
// and the production dependencies of every process, nothing else. The Dockerfile runs it,
// and so does CI (.ci/run), which then starts every process from the folder.
//
//   node scripts/deploy.mjs <empty or new folder>
//
// The folder is `pnpm deploy --prod` of @driver/platform (which depends on the gateway and
// every service), pruned to package.json, README.md and dist/ (and the H5 pages' site/) of each of our packages, plus
// scripts/service.mjs, the entry point: `node scripts/service.mjs <process>` inside it.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { corepackMissing } from './corepack.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const target = process.argv[2] ? resolve(process.argv[2]) : undefined

/** Packages that are for building and testing only; finding one in the output is a mistake. */
export const DEV_ONLY = [
  'typescript', 'tsx', 'esbuild', 'eslint', 'tap', '@tapjs/core', 'fast-check', '@driver/testing', '@driver/simulators',
  'playwright-core', 'pino-pretty'
]

function fail (message) {
  console.error(`deploy: ${message}`)
  process.exit(1)
}

function run (command, args) {
  const env = { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0' }
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env })
  if (result.error?.code === 'ENOENT' && command === 'corepack') fail(corepackMissing())
  if (result.error) fail(`${command}: ${result.error.message}`)
  if (result.status !== 0) fail(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`)
}

/** Removes everything in `dir` but the names kept. */
function keepOnly (dir, kept) {
  for (const name of readdirSync(dir)) {
    if (!kept.includes(name)) rmSync(join(dir, name), { recursive: true, force: true })
  }
}

/** Type declarations and build info mean nothing at run time. */
function pruneDist (dir) {
  if (!existsSync(dir)) return
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) pruneDist(path)
    else if (/\.d\.ts(\.map)?$|\.tsbuildinfo$/.test(entry.name)) rmSync(path)
  }
}

/** Total bytes of the files under `dir`, links not followed. */
export function sizeOf (dir) {
  let bytes = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) bytes += sizeOf(path)
    else if (entry.isFile()) bytes += statSync(path).size
  }
  return bytes
}

if (!target) fail('usage: node scripts/deploy.mjs <empty or new folder>')
if (existsSync(target) && readdirSync(target).length > 0) fail(`${target} is not empty; give a new or empty folder`)
const fromRoot = relative(root, target)
if (!fromRoot.startsWith('..') && !isAbsolute(fromRoot)) {
  fail(`${target} is inside the workspace; give a folder outside it`)
}

const started = Date.now()
run('corepack', ['pnpm', 'install', '--frozen-lockfile', '--prefer-offline'])
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b'])
// pnpm deploy copies workspace packages into the output ("injected") instead of linking them.
run('corepack', [
  'pnpm', '--config.inject-workspace-packages=true', '--filter', '@driver/platform',
  'deploy', '--prod', '--prefer-offline', target
])

keepOnly(target, ['package.json', 'README.md', 'dist', 'node_modules'])
pruneDist(join(target, 'dist'))
const store = join(target, 'node_modules/.pnpm')
for (const entry of readdirSync(store)) {
  if (!entry.startsWith('@driver+')) continue
  const scope = join(store, entry, 'node_modules/@driver')
  for (const name of readdirSync(scope)) {
    const dir = join(scope, name)
    // The package itself, not the links to its dependencies beside it (pruned where they live).
    if (lstatSync(dir).isSymbolicLink()) continue
    // site/: the H5 pages (packages/h5), served as they are.
    keepOnly(dir, ['package.json', 'README.md', 'dist', 'site'])
    pruneDist(join(dir, 'dist'))
  }
}
mkdirSync(join(target, 'scripts'))
copyFileSync(join(root, 'scripts/service.mjs'), join(target, 'scripts/service.mjs'))

const inStore = (name) => readdirSync(store).some((entry) => entry.startsWith(`${name.replace('/', '+')}@`))
const found = DEV_ONLY.filter((name) => existsSync(join(target, 'node_modules', name)) || inStore(name))
if (found.length > 0) fail(`development packages reached the output: ${found.join(', ')}`)

const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const seconds = ((Date.now() - started) / 1000).toFixed(1)
console.log(`deploy: ${target}: ${megabytes(sizeOf(target))} ` +
  `(node_modules ${megabytes(sizeOf(join(target, 'node_modules')))}) in ${seconds} s`)
