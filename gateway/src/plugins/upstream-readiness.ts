import fp from 'fastify-plugin'
import { cachedFor } from '../openapi/cached.js'
import { UPSTREAMS, type Upstream } from '../route-table.js'

export interface UpstreamReadinessOptions {
  /** How long one round of probes answers every `/readyz`. */
  cacheMs?: number
}

const PROBE_TIMEOUT_MS = 1_000
const DEFAULT_CACHE_MS = 1_000

/** Why a replica is not ready, or `ok`. */
async function probe (origin: string): Promise<string> {
  try {
    const response = await fetch(new URL('/readyz', origin), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
    await response.body?.cancel()
    return response.ok ? 'ok' : `not ready (${response.status})`
  } catch (error) {
    return error instanceof Error ? error.message : 'failed'
  }
}

/** Each replica of a service (its address) and what it said: `ok`, why not, or `down` when the proxy took it out. */
type ReplicaReadiness = Record<string, string>

/**
 * The gateway is ready when every service has a replica that says it is.
 * One round of probes (every replica's `/readyz`) answers every `/readyz` for
 * a second, and callers during a round share it: a flood of readiness checks
 * costs the services nothing more. When a service runs more than one replica,
 * the body lists them under `replicas`.
 */
export const upstreamReadiness = fp<UpstreamReadinessOptions>(async (app, options) => {
  const { cacheMs = DEFAULT_CACHE_MS } = options
  const probeService = async (name: Upstream): Promise<ReplicaReadiness> => Object.fromEntries(await Promise.all(
    [...app.replicas[name].replicas.keys()].map(async (origin) => [origin, await probe(origin)] as const)
  ))
  let last: Map<Upstream, ReplicaReadiness> | undefined
  const probeAll = cachedFor(cacheMs, async () => {
    last = new Map(await Promise.all(UPSTREAMS.map(async (name) => [name, await probeService(name)] as const)))
    return last
  })
  // A replica the proxy took out since the round is `down` at once.
  const seen = (name: Upstream, probed: ReplicaReadiness | undefined): ReplicaReadiness => Object.fromEntries(
    Object.entries(probed ?? {}).map(([origin, result]) =>
      [origin, app.replicas[name].replicas.get(origin) === 'down' ? 'down' : result])
  )
  for (const name of UPSTREAMS) {
    app.readiness.add(name, async () => {
      const results = Object.values(seen(name, (await probeAll()).get(name)))
      if (!results.includes('ok')) throw new Error(results[0] ?? 'no replica')
    })
  }
  app.readiness.describe('replicas', () => {
    if (last === undefined || ![...last.values()].some((replicas) => Object.keys(replicas).length > 1)) return undefined
    return Object.fromEntries(UPSTREAMS.map((name) => [name, seen(name, last?.get(name))]))
  })
}, { name: 'upstream-readiness', dependencies: ['upstream-replicas'] })
