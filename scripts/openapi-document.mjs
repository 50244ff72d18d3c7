// The API document the gateway serves, written to a file for `redocly lint` (.ci/run): the whole
// platform started in this process from the build output (`corepack pnpm build` first), on a port the
// OS picks and a fresh data folder, with development routes on; /openapi.json asked of the gateway,
// then everything stopped.
//   node scripts/openapi-document.mjs --output openapi.json
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { output: { type: 'string' } } })
if (!values.output) {
  console.error('usage: node scripts/openapi-document.mjs --output <file>')
  process.exit(2)
}

const { loadPlatformConfig, startPlatform } = await import('../packages/platform/dist/index.js')
const dataDir = mkdtempSync(join(tmpdir(), 'driver-openapi-'))
const platform = await startPlatform(
  loadPlatformConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
)
try {
  const answer = await platform.gateway.inject({ method: 'GET', url: '/openapi.json' })
  if (answer.statusCode !== 200) throw new Error(`/openapi.json answered ${answer.statusCode}`)
  const document = answer.json()
  // A service left out would leave its paths unchecked.
  if (document['x-unavailable'].length > 0) {
    throw new Error(`left out of the document: ${document['x-unavailable'].join(', ')}`)
  }
  writeFileSync(values.output, `${JSON.stringify(document, null, 2)}\n`)
  console.log(`${values.output}: ${Object.keys(document.paths).length} paths`)
} finally {
  await platform.close()
  rmSync(dataDir, { recursive: true, force: true })
}
