// What to say when corepack, which brings the pinned pnpm, is not there.
export function corepackMissing () {
  const major = Number(process.versions.node.split('.')[0])
  const why = major >= 25 ? 'no longer includes it' : 'includes it, but it is not on PATH'
  return [
    `corepack was not found. It brings the pnpm version this repository pins; Node.js ${major} ${why}.`,
    'Install it once, then run the command again:',
    '  npm install --global corepack',
    '  corepack pnpm start'
  ].join('\n')
}
