// The entry point of every process, in the repository after a build and in the deploy output
// (scripts/deploy.mjs, the image): `node scripts/service.mjs <process>`, one of gateway,
// identity, resumes, media, sms, all-in-one (the default).
import { existsSync } from 'node:fs'

const root = new URL('..', import.meta.url)

/** Where each process starts: in the repository, then in the deploy output. */
const entries = {
  gateway: ['gateway/dist/server.js', 'node_modules/@driver/gateway/dist/server.js'],
  identity: ['services/identity/dist/server.js', 'node_modules/@driver/identity/dist/server.js'],
  resumes: ['services/resumes/dist/server.js', 'node_modules/@driver/resumes/dist/server.js'],
  media: ['services/media/dist/server.js', 'node_modules/@driver/media/dist/server.js'],
  sms: ['services/sms/dist/server.js', 'node_modules/@driver/sms/dist/server.js'],
  'all-in-one': ['packages/platform/dist/main.js', 'dist/main.js']
}

const name = process.argv[2] ?? 'all-in-one'
const candidates = entries[name]
if (!candidates) {
  console.error(`unknown process "${name}"; one of: ${Object.keys(entries).join(', ')}`)
  process.exit(2)
}
const entry = candidates.map((path) => new URL(path, root)).find((url) => existsSync(url))
if (!entry) {
  console.error(`${name} is not built: run \`corepack pnpm build\` first (looked for ${candidates.join(' and ')})`)
  process.exit(2)
}

try {
  await import(entry.href)
} catch (error) {
  // A configuration problem (a missing or bad variable, a busy port) is one readable block, and
  // MongoDB or RabbitMQ out of reach (KIT_START) one readable line, not a crash.
  if (error?.code !== 'KIT_CONFIG' && error?.code !== 'KIT_START') throw error
  console.error(`${name}: ${error.message}`)
  process.exit(1)
}
