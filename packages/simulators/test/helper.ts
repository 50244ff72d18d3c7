/** The official account the WeChat simulator plays in these tests. */
export const APP_ID = 'wx-test-app'
export const APP_SECRET = 'test-app-secret-0123456789abcdef'
/** The MeFP simulator's key and IV in these tests: 32 and 16 bytes. */
export const MEFP_KEYS = { secret: 'simulators-test-mefp-key-32bytes', iv: 'sim-test-iv-16by' }

/** Reads a stream whole, counting its chunks. */
export async function consume (body: AsyncIterable<Buffer>): Promise<{
  bytes: Buffer,
  chunks: number,
  largestChunk: number
}> {
  const parts: Buffer[] = []
  let largestChunk = 0
  for await (const chunk of body) {
    parts.push(chunk)
    largestChunk = Math.max(largestChunk, chunk.length)
  }
  return { bytes: Buffer.concat(parts), chunks: parts.length, largestChunk }
}
