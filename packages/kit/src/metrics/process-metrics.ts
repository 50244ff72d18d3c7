import { collectDefaultMetrics, Registry } from 'prom-client'

let processRegistry: Registry | undefined

/**
 * The process's own metrics (CPU, heap, GC, event-loop lag, handles), collected
 * once per process whatever number of apps it runs: the all-in-one process runs
 * the gateway and the four services, and counting its heap five times would be
 * wrong. `service`, the label they carry, is the name of the first to ask
 * (`platform` in the all-in-one mode, which asks first).
 */
export function processMetrics (service: string): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry()
    processRegistry.setDefaultLabels({ service })
    collectDefaultMetrics({ register: processRegistry })
  }
  return processRegistry
}
