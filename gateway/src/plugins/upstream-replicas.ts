import fp from 'fastify-plugin'
import { listOf } from '@driver/kit'
import { ReplicaSet } from '../replica-set.js'
import { UPSTREAMS, type Upstream } from '../route-table.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Each service's replicas and the pool that spreads requests over them. */
    replicas: Record<Upstream, ReplicaSet>
  }
}

export interface UpstreamReplicasOptions {
  /** Each service's URL, or several, comma-separated (`IDENTITY_URL`, …). */
  upstreams: Record<Upstream, string>
  upstreamTimeoutMs: number
  /** How often a service's host name is resolved again (UPSTREAM_RESOLVE_INTERVAL_MS). */
  resolveIntervalMs?: number
}

/** Upstreams that refuse or drop connections must answer fast: the 503 comes within a second. */
const CONNECT_TIMEOUT_MS = 1_000
const DEFAULT_RESOLVE_INTERVAL_MS = 5_000
const PROBE_INTERVAL_MS = 1_000

/** The first URL of a service's list: where its OpenAPI document is asked for, and the `Host` it is sent. */
export function firstUrlOf (upstream: string): string {
  return listOf(upstream)[0] ?? upstream
}

/**
 * One replica set per service (`replica-set.ts`), closed with the gateway. A
 * replica going down or coming back is one line at `warn`.
 */
export const upstreamReplicas = fp<UpstreamReplicasOptions>(async (app, options) => {
  const pool = {
    connections: 128,
    connectTimeout: CONNECT_TIMEOUT_MS,
    headersTimeout: options.upstreamTimeoutMs,
    bodyTimeout: options.upstreamTimeoutMs
  }
  const replicas = Object.fromEntries(UPSTREAMS.map((upstream) => [upstream, new ReplicaSet(
    listOf(options.upstreams[upstream]).map((url) => new URL(url)),
    {
      pool,
      resolveIntervalMs: options.resolveIntervalMs ?? DEFAULT_RESOLVE_INTERVAL_MS,
      probeIntervalMs: PROBE_INTERVAL_MS,
      onChange: (replica, state) => {
        app.log.warn({ upstream, replica }, state === 'down' ? 'replica down' : 'replica back')
      }
    }
  )])) as Record<Upstream, ReplicaSet>
  app.decorate('replicas', replicas)
  app.addHook('onClose', async () => {
    await Promise.all(Object.values(replicas).map((set) => set.close()))
  })
}, { name: 'upstream-replicas' })
