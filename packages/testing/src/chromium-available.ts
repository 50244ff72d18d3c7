import { accessSync, constants } from 'node:fs'

/** Debian's `chromium` package; the browser tests never download one. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Whether the headless browser the browser tests drive is installed. */
export function chromiumAvailable (): boolean {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Call first in a test file that drives a browser. Without Chromium the file is skipped with one
 * line saying how to install it, unless REQUIRE_CHROMIUM=1 (CI), where that is a failure.
 */
export function skipWithoutChromium (t: { plan: (count: number, comment?: string) => void }): void {
  if (chromiumAvailable()) return
  const how = '`apt-get install -y chromium`'
  if (process.env.REQUIRE_CHROMIUM === '1') {
    throw new Error(`REQUIRE_CHROMIUM=1 but there is no ${CHROMIUM_PATH}: install it with ${how}`)
  }
  t.plan(0, `no Chromium at ${CHROMIUM_PATH}: install it with ${how}, then run this file again`)
  process.exit(0)
}
