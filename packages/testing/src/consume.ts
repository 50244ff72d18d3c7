/** Reads a stream whole, counting its chunks (how a download arrived, not only what). */
export async function consume (
  body: AsyncIterable<Buffer>
): Promise<{ bytes: Buffer, chunks: number, largestChunk: number }> {
  const parts: Buffer[] = []
  let largestChunk = 0
  for await (const chunk of body) {
    parts.push(chunk)
    largestChunk = Math.max(largestChunk, chunk.length)
  }
  return { bytes: Buffer.concat(parts), chunks: parts.length, largestChunk }
}
