import { generateSessionKeyPair, type SessionKeyPair } from '@driver/kit/session'
import { loadPlatformConfig } from '../../src/config.js'
import { startPlatform, type Platform } from '../../src/platform.js'

/** What of a tap test this needs. */
type Tap = { teardown: (fn: () => unknown) => void, testdir: () => string }

export interface TestPlatform {
  platform: Platform
  /** The gateway, as a client reaches it: `http://127.0.0.1:<port>`. */
  base: string
  /** The session key pair the platform runs with, so a test can sign sessions of its own. */
  keys: SessionKeyPair
}

/**
 * The all-in-one platform on a port the OS picks, in a test folder, silent, with a
 * session key pair the test knows; closed before tap removes its folder.
 */
export async function startTestPlatform (t: Tap, env: Record<string, string> = {}): Promise<TestPlatform> {
  const keys = generateSessionKeyPair()
  const started: { platform?: Platform } = {}
  // Registered before t.testdir(), so it runs first.
  t.teardown(async () => { await started.platform?.close() })
  const platform = await startPlatform(loadPlatformConfig({
    PORT: '0', HOST: '127.0.0.1', DATA_DIR: t.testdir(), LOG_LEVEL: 'silent', SESSION_PRIVATE_KEY: keys.privateKey, SESSION_PUBLIC_KEY: keys.publicKey, ...env
  }))
  started.platform = platform
  const address = platform.gateway.server.address()
  const base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''
  return { platform, base, keys }
}
