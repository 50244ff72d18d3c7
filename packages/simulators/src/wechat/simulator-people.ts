import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { Type } from 'typebox'
import { stateFile } from '../state-file.js'

/** The file under `dataDir` that keeps who each browser is. */
export const WECHAT_STATE_FILE = 'wechat.json'

/** A person the simulator can be asked to be (`?as=<name>`): their openid is `sim_<name>`. */
export const PERSON = /^[A-Za-z0-9_-]{1,64}$/
/** A browser the simulator has seen: the value of its cookie. */
const BROWSER = /^[0-9a-f]{32}$/

/** What `<dataDir>/wechat.json` holds: each browser's person. */
const WechatStateSchema = Type.Object({ browsers: Type.Record(Type.String(), Type.String()) })

export interface SimulatorPeople {
  /** The browser a cookie names, or a new one; its person, if the simulator has met it. */
  browserOf: (cookie: string | undefined) => { browser: string, person: string | undefined }
  /** From now on `browser` is `person`; kept in the data folder before it resolves. */
  remember: (browser: string, person: string) => Promise<void>
  /** Resolves when everything remembered so far is written. */
  flush: () => Promise<void>
}

/**
 * Who is at each browser. On WeChat the same phone is the same person, whatever
 * the site; here the same browser is: the authorize page sets a cookie on the
 * simulator's own address naming the browser, and remembers the browser's
 * person, so a driver who logged out logs in again as themself. With a data
 * folder the people outlive a restart; without one they live in memory.
 */
export async function simulatorPeople (dataDir: string | undefined): Promise<SimulatorPeople> {
  const file = dataDir === undefined ? undefined : stateFile(join(dataDir, WECHAT_STATE_FILE), WechatStateSchema)
  const browsers = new Map(Object.entries((await file?.load())?.browsers ?? {}))
  return {
    browserOf (cookie) {
      const browser = cookie !== undefined && BROWSER.test(cookie) ? cookie : randomBytes(16).toString('hex')
      return { browser, person: browsers.get(browser) }
    },
    async remember (browser, person) {
      if (browsers.get(browser) === person) return
      browsers.set(browser, person)
      await file?.save(() => ({ browsers: Object.fromEntries(browsers) }))
    },
    flush: async () => { await file?.flush() }
  }
}
