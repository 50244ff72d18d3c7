import { randomUUID } from 'node:crypto'
import { assertionHeaders } from '@driver/kit'
import { isUpstreamDocument, type UpstreamDocument } from './document.js'

export type FetchedDocument =
  | { ok: true, document: UpstreamDocument }
  | { ok: false, reason: string }

/** Far more than any service's document; a bound so a confused upstream cannot fill the gateway's memory. */
const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024

const DOCUMENT_PATH = '/openapi.json'

/** The gateway asks for the document itself: the client it asserts is its own loopback. */
const GATEWAY_ITSELF = '127.0.0.1'

/**
 * A service's own OpenAPI document from `GET <base>/openapi.json`, asked with
 * the gateway's assertion (signed with `secret`), as a service answers only
 * its health and readiness without one. Never throws: an unreachable, slow or
 * confused service is a reason to leave it out.
 */
export async function fetchDocument (base: string, secret: string, timeoutMs: number): Promise<FetchedDocument> {
  try {
    const signed = assertionHeaders(secret, {
      method: 'GET', url: DOCUMENT_PATH, requestId: randomUUID(), clientIp: GATEWAY_ITSELF
    })
    // The signal also bounds reading the body, not only the wait for headers.
    const response = await fetch(new URL(DOCUMENT_PATH, base), {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json', ...signed }
    })
    if (!response.ok) {
      await response.body?.cancel()
      return { ok: false, reason: `answered ${response.status}` }
    }
    const text = await readBounded(response, MAX_DOCUMENT_BYTES)
    if (text === undefined) return { ok: false, reason: 'document too large' }
    const document: unknown = JSON.parse(text)
    if (!isUpstreamDocument(document)) return { ok: false, reason: 'not an OpenAPI 3 document' }
    return { ok: true, document }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  }
}

async function readBounded (response: Response, maxBytes: number): Promise<string | undefined> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel()
    return undefined
  }
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength
    // Leaving the loop cancels the stream.
    if (size > maxBytes) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}
