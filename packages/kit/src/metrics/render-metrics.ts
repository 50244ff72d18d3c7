import { AggregatorRegistry, type Registry } from 'prom-client'

export interface RenderedMetrics {
  contentType: string
  text: string
}

/**
 * Several registries as one page of Prometheus text. A family found in more
 * than one (every app's `http_request_duration_seconds`) is written once with
 * all of their series: each app's carry their own `service` label, so none is
 * summed with another's.
 */
export async function renderMetrics (registries: readonly Registry[]): Promise<RenderedMetrics> {
  const families = await Promise.all(registries.map((registry) => registry.getMetricsAsJSON()))
  const merged = AggregatorRegistry.aggregate(families)
  return { contentType: merged.contentType, text: await merged.metrics() }
}
