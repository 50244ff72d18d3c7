import t from 'tap'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
// @ts-expect-error -- a plain script of the repository, without types
import { nodeVersionProblem, OLDEST_NODE } from '../../../scripts/node-version.mjs'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const problemOf = nodeVersionProblem as (version: string) => string | undefined

t.test('Node.js 20.19 and every later line are accepted', async (t) => {
  t.equal(OLDEST_NODE, '20.19.0')
  for (const version of ['20.19.0', '20.20.2', 'v22.1.0', '24.0.0', '26.3.1']) {
    t.equal(problemOf(version), undefined, version)
  }
})

t.test('an older Node.js gets one line saying which it is, which is needed, and what to do', async (t) => {
  for (const version of ['18.19.0', '20.18.3', 'v16.20.2']) {
    const problem = problemOf(version)
    t.match(problem, `Node.js v${version.replace(/^v/, '')} is too old: this repository needs Node.js 20.19.0 or newer`)
    t.match(problem, 'install a current one from https://nodejs.org and run `corepack pnpm start` again')
    t.notMatch(problem, '\n', 'one line')
  }
})

t.test('corepack pnpm start on an old Node.js stops at that line, before installing anything', async (t) => {
  // The script reads process.versions.node; this preload makes it an old one.
  const oldNode = 'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"18.19.0"})'
  const args = ['--import', oldNode, 'scripts/start.mjs']
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' })
  t.equal(result.status, 1)
  t.equal(result.stdout, '', 'nothing installed or started')
  t.match(result.stderr, /^Node\.js v18\.19\.0 is too old: [^\n]+\n$/)
})
