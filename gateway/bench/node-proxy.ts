// The floor: a feature-free Node proxy (node:http and one undici Pool), bodies buffered both ways.
import { createServer, type IncomingHttpHeaders } from 'node:http'
import { Pool } from 'undici'

const upstream = process.env.BENCH_UPSTREAM ?? ''
const pool = new Pool(upstream, { connections: 128 })
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'te', 'upgrade', 'proxy-connection', 'trailer']

type Headers = IncomingHttpHeaders | Record<string, string | string[] | undefined>

function endToEnd (headers: Headers): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.includes(name)) kept[name] = value
  }
  return kept
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = []
  request.on('data', (chunk: Buffer) => chunks.push(chunk))
  request.on('end', () => {
    const headers = endToEnd(request.headers)
    delete headers.host
    const body = chunks.length > 0 ? Buffer.concat(chunks) : null
    pool.request({ method: request.method ?? 'GET', path: request.url ?? '/', headers, body })
      .then(async (answer) => {
        const body = Buffer.from(await answer.body.arrayBuffer())
        response.writeHead(answer.statusCode, endToEnd(answer.headers)).end(body)
      })
      .catch(() => { response.writeHead(502).end() })
  })
})
server.listen(Number(process.env.PORT), process.env.HOST)
process.on('SIGTERM', () => { server.close(); void pool.close() })
