import fp from 'fastify-plugin'
import type { Upstream } from '../route-table.js'

export interface UpstreamReadinessOptions {
  upstreams: Record<Upstream, string>
}

const PROBE_TIMEOUT_MS = 1_000

/** The gateway is ready when every service says it is. */
export const upstreamReadiness = fp<UpstreamReadinessOptions>(async (app, { upstreams }) => {
  for (const [name, base] of Object.entries(upstreams)) {
    app.readiness.add(name, async () => {
      const response = await fetch(new URL('/readyz', base), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
      await response.body?.cancel()
      if (!response.ok) throw new Error(`not ready (${response.status})`)
    })
  }
}, { name: 'upstream-readiness' })
