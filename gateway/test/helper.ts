import { createApp, createSessionSigner, generateSessionKeyPair, type App, type SessionSigner } from '@driver/kit'
import { buildGateway, type GatewayOptions } from '../src/app.js'
import { UPSTREAMS, type Upstream } from '../src/route-table.js'

type Tap = { teardown: (fn: () => unknown) => void }

export interface Origin {
  name: Upstream
  url: string
  app: App
}

export interface SeenRequest {
  service: Upstream
  method: string
  url: string
  headers: Record<string, string | string[] | undefined>
  body: unknown
}

/** A real HTTP server standing in for a service: it answers with what it received. */
export async function startOrigin (t: Tap, name: Upstream): Promise<Origin> {
  const app = createApp({ service: name, logLevel: 'silent' })
  app.all('/*', async (request): Promise<SeenRequest> => ({
    service: name, method: request.method, url: request.url, headers: request.headers, body: request.body ?? null
  }))
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => app.close())
  return { name, url, app }
}

export interface TestGateway {
  gateway: App
  origins: Record<Upstream, Origin>
  /** Mints a session the gateway accepts. */
  sign: SessionSigner
  publicKey: string
  privateKey: string
}

export async function buildTestGateway (t: Tap, overrides: Partial<GatewayOptions> = {}): Promise<TestGateway> {
  const origins = Object.fromEntries(await Promise.all(UPSTREAMS.map(async (name) => [name, await startOrigin(t, name)]))) as Record<Upstream, Origin>
  const keys = generateSessionKeyPair()
  const gateway = await buildGateway({
    upstreams: Object.fromEntries(UPSTREAMS.map((name) => [name, origins[name].url])) as Record<Upstream, string>,
    sessionPublicKey: keys.publicKey,
    trustProxy: [],
    mefpAllowedIps: [],
    rateLimit: { max: 1000, windowMs: 60_000 },
    bodyLimit: 64 * 1024,
    uploadBodyLimit: 256 * 1024,
    upstreamTimeoutMs: 5_000,
    devRoutes: true,
    logLevel: 'silent',
    ...overrides
  })
  t.teardown(() => gateway.close())
  return { gateway, origins, sign: createSessionSigner(keys.privateKey), publicKey: keys.publicKey, privateKey: keys.privateKey }
}

export const USER_ID = '5f1d7c2e9a3b4c5d6e7f8091'
