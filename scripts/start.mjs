// One command on a fresh clone: check Node.js, install if needed, then run the whole platform in
// one process on embedded defaults, from its TypeScript sources (tsx, the driver-source
// condition, as the tests run): nothing is built or type-checked first (`corepack pnpm typecheck`,
// `corepack pnpm build` and CI do that).
import { nodeVersionProblem } from './node-version.mjs'

const problem = nodeVersionProblem(process.versions.node)
if (problem !== undefined) {
  console.error(problem)
  process.exit(1)
}

// Loaded after the check, so an old Node.js reads the line above instead of failing on newer syntax.
import('./start-from-sources.mjs').catch((error) => {
  console.error(error)
  process.exit(1)
})
