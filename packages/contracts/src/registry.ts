import type { Static } from 'typebox'
import type { EventContract, RequestContract } from './define.js'

/** Every message a bus may carry, looked up by name. */
export interface ContractRegistry {
  readonly events: Readonly<Record<string, EventContract>>
  readonly requests: Readonly<Record<string, RequestContract>>
}

type ByName<List extends readonly { name: string }[]> = { readonly [C in List[number] as C['name']]: C }

/**
 * Builds a registry from contract lists, so each name is written once (in its contract)
 * and a second message with the same name is a start-up error rather than a silent overwrite.
 */
export function defineContracts<
  const Events extends readonly EventContract[],
  const Requests extends readonly RequestContract[]
> (lists: { events: Events, requests: Requests }): {
  readonly events: ByName<Events>
  readonly requests: ByName<Requests>
} {
  const seen = new Set<string>()
  const index = <C extends { name: string }>(list: readonly C[]): Record<string, C> => {
    const byName: Record<string, C> = {}
    for (const contract of list) {
      if (seen.has(contract.name)) throw new Error(`Message name "${contract.name}" is defined twice`)
      seen.add(contract.name)
      byName[contract.name] = contract
    }
    return byName
  }
  return {
    events: index(lists.events) as ByName<Events>,
    requests: index(lists.requests) as ByName<Requests>
  }
}

export type EventName<C extends ContractRegistry> = keyof C['events'] & string
export type RequestName<C extends ContractRegistry> = keyof C['requests'] & string

/** Distributes over a union of names, so a pattern that matches several events gets the union of their payloads. */
export type EventPayload<C extends ContractRegistry, N extends EventName<C>> =
  N extends unknown ? Static<C['events'][N]['payload']> : never
export type RequestPayload<C extends ContractRegistry, N extends RequestName<C>> = Static<C['requests'][N]['payload']>
export type RequestReply<C extends ContractRegistry, N extends RequestName<C>> = Static<C['requests'][N]['reply']>
