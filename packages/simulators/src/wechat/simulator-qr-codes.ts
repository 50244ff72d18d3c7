import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { Type, type Static } from 'typebox'
import { stateFile } from '../state-file.js'

/** The file under `dataDir` that keeps the QR codes made, so a code outlives a restart as WeChat's do. */
export const QR_CODES_STATE_FILE = 'wechat-qrcodes.json'

const QrCodeSchema = Type.Object({
  scene: Type.String(),
  /** Milliseconds since the epoch; absent for a permanent code. */
  expiresAt: Type.Optional(Type.Number())
})
const QrCodesStateSchema = Type.Object({ tickets: Type.Record(Type.String(), QrCodeSchema) })

export type SimulatedQrCode = Static<typeof QrCodeSchema> & { ticket: string }

export interface SimulatorQrCodes {
  /**
   * A code for `scene`: a permanent one (no `expireSeconds`) is the same ticket
   * every time it is asked for, as WeChat's; a temporary one is new each time.
   * Remembered in the data folder before it resolves.
   */
  create: (scene: string, expireSeconds?: number) => Promise<SimulatedQrCode>
  /** The live code a ticket shows: undefined for an unknown or expired ticket. */
  find: (ticket: string) => SimulatedQrCode | undefined
  flush: () => Promise<void>
}

/** Shaped like WeChat's tickets (Base64, with `+`, `/` and `=` that a URL must encode). */
const newTicket = (): string => `gQ${randomBytes(45).toString('base64')}`

/** The QR codes the simulated official account made: ticket → scene, kept under the data folder. */
export async function simulatorQrCodes (dataDir: string | undefined, clock: () => number): Promise<SimulatorQrCodes> {
  const file = dataDir === undefined ? undefined : stateFile(join(dataDir, QR_CODES_STATE_FILE), QrCodesStateSchema)
  const tickets = new Map(Object.entries((await file?.load())?.tickets ?? {}))
  const save = async () => { await file?.save(() => ({ tickets: Object.fromEntries(tickets) })) }
  const live = (code: Static<typeof QrCodeSchema>) => code.expiresAt === undefined || code.expiresAt > clock()

  return {
    async create (scene, expireSeconds) {
      if (expireSeconds === undefined) {
        const existing = [...tickets].find(([, code]) => code.scene === scene && code.expiresAt === undefined)
        if (existing) return { ticket: existing[0], ...existing[1] }
      }
      for (const [ticket, code] of tickets) if (!live(code)) tickets.delete(ticket)
      const ticket = newTicket()
      const code = expireSeconds === undefined ? { scene } : { scene, expiresAt: clock() + expireSeconds * 1000 }
      tickets.set(ticket, code)
      await save()
      return { ticket, ...code }
    },
    find (ticket) {
      const code = tickets.get(ticket)
      return code !== undefined && live(code) ? { ticket, ...code } : undefined
    },
    flush: async () => { await file?.flush() }
  }
}
