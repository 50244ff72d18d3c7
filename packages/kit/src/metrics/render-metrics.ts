import { AggregatorRegistry, type Registry } from 'prom-client'

export interface RenderedMetrics {
  contentType: string
  text: string
}

/**
 * Several registries as one page of Prometheus text. A family found in more
 * than one (every app's `http_request_duration_seconds`) is written once with
 * all of their series: each app's carry their own `service` label, so none is
 * summed with another's, and each family is kept whole.
 */
export async function renderMetrics (registries: readonly Registry[]): Promise<RenderedMetrics> {
  const families = await Promise.all(registries.map(async (registry) =>
    // Summing joins only series with the same labels, and none of two apps share them. The cluster
    // aggregators prom-client gives some families would drop one (`process_start_time_seconds`: omit).
    (await registry.getMetricsAsJSON()).map((family) => ({ ...family, aggregator: 'sum' as const }))))
  const merged = AggregatorRegistry.aggregate(families)
  return { contentType: merged.contentType, text: await merged.metrics() }
}
