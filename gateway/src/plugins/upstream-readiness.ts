import fp from 'fastify-plugin'
import { cachedFor } from '../openapi/cached.js'
import type { Upstream } from '../route-table.js'

export interface UpstreamReadinessOptions {
  upstreams: Record<Upstream, string>
  /** How long one round of probes answers every `/readyz`. */
  cacheMs?: number
}

const PROBE_TIMEOUT_MS = 1_000
const DEFAULT_CACHE_MS = 1_000

/** Why a service is not ready, or undefined when it is. */
async function probe (base: string): Promise<string | undefined> {
  try {
    const response = await fetch(new URL('/readyz', base), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
    await response.body?.cancel()
    return response.ok ? undefined : `not ready (${response.status})`
  } catch (error) {
    return error instanceof Error ? error.message : 'failed'
  }
}

/**
 * The gateway is ready when every service says it is. One round of probes
 * answers every `/readyz` for a second, and callers during a round share it:
 * a flood of readiness checks costs the services nothing more.
 */
export const upstreamReadiness = fp<UpstreamReadinessOptions>(async (app, options) => {
  const { upstreams, cacheMs = DEFAULT_CACHE_MS } = options
  const entries = Object.entries(upstreams) as Array<[Upstream, string]>
  const probeAll = cachedFor(cacheMs, async () => new Map(await Promise.all(
    entries.map(async ([name, base]) => [name, await probe(base)] as const)
  )))
  for (const [name] of entries) {
    app.readiness.add(name, async () => {
      const failure = (await probeAll()).get(name)
      if (failure !== undefined) throw new Error(failure)
    })
  }
}, { name: 'upstream-readiness' })
