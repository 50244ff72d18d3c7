import type { ContractRegistry, EventContract, RequestContract } from '@driver/contracts'
import { BusError, BusUnknownMessageError } from './errors.js'
import { topicMatches } from './topic.js'

export function eventContract (contracts: ContractRegistry, name: string | undefined): EventContract {
  const contract = name === undefined ? undefined : contracts.events[name]
  if (contract === undefined || !Object.hasOwn(contracts.events, contract.name)) {
    throw new BusUnknownMessageError(String(name), 'event')
  }
  return contract
}

export function requestContract (contracts: ContractRegistry, name: string | undefined): RequestContract {
  const contract = name === undefined ? undefined : contracts.requests[name]
  if (contract === undefined || !Object.hasOwn(contracts.requests, contract.name)) {
    throw new BusUnknownMessageError(String(name), 'request')
  }
  return contract
}

/** A pattern that routes no known event is almost always a typo; refuse it at start-up. */
export function checkPattern (contracts: ContractRegistry, pattern: string): void {
  if (!Object.keys(contracts.events).some((name) => topicMatches(pattern, name))) {
    throw new BusError('BUS_UNKNOWN_MESSAGE', `Pattern "${pattern}" routes no event contract`)
  }
}
