// The Node.js lines this repository accepts. The oldest is the oldest the dependencies accept
// (mongodb 7: 20.19); CI runs the tests on it and on the image's Node.js (Dockerfile).
export const OLDEST_NODE = '20.19.0'

const parts = (version) => version.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0)

/** One line saying why `version` (as in process.versions.node) cannot run this repository, or undefined. */
export function nodeVersionProblem (version) {
  const given = parts(version)
  const oldest = parts(OLDEST_NODE)
  for (let i = 0; i < oldest.length; i++) {
    if ((given[i] ?? 0) > oldest[i]) return undefined
    if ((given[i] ?? 0) < oldest[i]) {
      return `Node.js ${version.replace(/^v?/, 'v')} is too old: this repository needs Node.js ${OLDEST_NODE} or ` +
        'newer (tested on 20 and on 26, the image\'s); install a current one from https://nodejs.org and run ' +
        '`corepack pnpm start` again'
    }
  }
  return undefined
}
