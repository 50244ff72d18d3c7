/**
 * A simulator refuses to exist in production: the WeChat simulator logs anyone in
 * and serves any media id, the MeFP simulator accepts whatever account it is
 * given. Both call `refuseInProduction` before anything else.
 */
export class SimulatorInProductionError extends Error {
  readonly code = 'SIMULATOR_IN_PRODUCTION'
  /** Which simulator refused: `WeChat` or `MeFP`. */
  readonly simulator: string

  constructor (simulator: string) {
    super(`the ${simulator} simulator never runs with NODE_ENV=production`)
    this.name = 'SimulatorInProductionError'
    this.simulator = simulator
  }
}

/** Throws `SimulatorInProductionError` when `nodeEnv` is `production`. */
export function refuseInProduction (simulator: string, nodeEnv: string | undefined): void {
  if (nodeEnv === 'production') throw new SimulatorInProductionError(simulator)
}
