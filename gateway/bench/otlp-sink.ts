// The benchmark's trace backend: accepts OTLP/HTTP exports and discards them, so a traced gateway pays for
// making and sending its spans and nothing else.
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'

export interface OtlpSink {
  /** What OTEL_EXPORTER_OTLP_ENDPOINT is set to. */
  url: string
  /** Export requests received. */
  exports: () => number
  close: () => Promise<void>
}

export async function startOtlpSink (): Promise<OtlpSink> {
  let received = 0
  const server: Server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      received++
      // An empty ExportTraceServiceResponse: everything accepted.
      response.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': 0 }).end()
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    url: `http://127.0.0.1:${address.port}`,
    exports: () => received,
    close: () => new Promise((resolve) => { server.close(() => resolve()) })
  }
}
