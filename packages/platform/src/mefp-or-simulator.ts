import type { StartedMefpSimulator } from '@driver/simulators/mefp'
import { simulatorDataDir, withoutSimulators, type PlatformConfig } from './config.js'

/**
 * The AES key (32 bytes) and IV (16 bytes) the MeFP simulator and identity share
 * when the environment names none. For the simulator only: with these, the
 * simulator is the only MeFP that can read identity's requests.
 */
export const SIMULATOR_ONLY_MEFP_KEYS = { secret: 'simulator-only-mefp-key-32-bytes', iv: 'sim-only-iv-16by' } as const

export interface MefpChoice {
  /** The MEFP_* values identity is given. */
  settings: { MEFP_URL?: string, MEFP_SECRET?: string, APP_SECRET?: string }
  /** The simulator, when this process runs one. */
  simulator?: StartedMefpSimulator
  close: () => Promise<void>
}

type MefpSettings = 'NODE_ENV' | 'DATA_DIR' | 'MEFP_URL' | 'MEFP_SECRET' | 'APP_SECRET'

/**
 * Where identity finds MeFP. Outside production, and unless the environment
 * names a MeFP portal, the all-in-one mode starts the MeFP simulator on a
 * loopback port (DESIGN §4), its accounts kept under DATA_DIR/simulators, with
 * the given key and IV or the simulator-only ones. Otherwise the configuration
 * goes through as it is (production requires all three there).
 */
export async function mefpOrSimulator (config: Pick<PlatformConfig, MefpSettings>): Promise<MefpChoice> {
  const { NODE_ENV, MEFP_URL, MEFP_SECRET, APP_SECRET } = config
  if (NODE_ENV === 'production' || MEFP_URL !== undefined) {
    return { settings: { MEFP_URL, MEFP_SECRET, APP_SECRET }, close: async () => {} }
  }
  const secret = MEFP_SECRET ?? SIMULATOR_ONLY_MEFP_KEYS.secret
  const iv = APP_SECRET ?? SIMULATOR_ONLY_MEFP_KEYS.iv
  // Loaded only here: @driver/simulators is a development dependency, absent from the image.
  const { startMefpSimulator } = await import('@driver/simulators/mefp').catch(withoutSimulators('MEFP_URL'))
  const simulator = await startMefpSimulator({
    secret, iv, host: '127.0.0.1', port: 0, nodeEnv: NODE_ENV, dataDir: simulatorDataDir(config)
  })
  return {
    settings: { MEFP_URL: simulator.url, MEFP_SECRET: secret, APP_SECRET: iv },
    simulator,
    close: () => simulator.close()
  }
}
