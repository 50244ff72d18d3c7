// Authenticated reads: the service (its own process) called directly, through the gateway, and through nginx
// (when installed) proxying the same route, in one run. Load comes from autocannon in a
// separate process so it does not share the servers' event loop.
import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createSessionSigner, generateSessionKeyPair } from '@driver/kit/session'
import { buildGateway } from '../src/app.js'

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const autocannonBin = join(createRequire(import.meta.url).resolve('autocannon'), '..', 'autocannon.js')

interface Result { target: string, requests: number, p50: number, p99: number, errors: number }

async function load (target: string, url: string, headers: Record<string, string>): Promise<Result> {
  const args = [autocannonBin, '--json', '-c', String(CONNECTIONS), '-d', String(DURATION_S)]
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`)
  const { stdout } = await promisify(execFile)(process.execPath, [...args, url], { maxBuffer: 16 * 1024 * 1024 })
  const report = JSON.parse(stdout) as { requests: { average: number }, latency: { p50: number, p99: number }, errors: number, non2xx: number }
  return { target, requests: report.requests.average, p50: report.latency.p50, p99: report.latency.p99, errors: report.errors + report.non2xx }
}

async function startNginx (originPort: number): Promise<{ url: string, stop: () => void } | null> {
  const found = await promisify(execFile)('sh', ['-c', 'command -v nginx']).catch(() => null)
  if (!found) return null
  const dir = await mkdtemp(join(tmpdir(), 'nginx-bench-'))
  const port = 18_000 + Math.floor(Math.random() * 1000)
  await writeFile(join(dir, 'nginx.conf'), `
daemon off; worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  upstream origin { server 127.0.0.1:${originPort}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}`)
  const child = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' })
  await new Promise((resolve) => setTimeout(resolve, 500))
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') }
}

const origin = spawn(process.execPath, ['--import', 'tsx', '--conditions=driver-source', new URL('./origin.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] })
const [firstLine] = await once(origin.stdout, 'data') as [Buffer]
const originUrl = firstLine.toString().trim()

const keys = generateSessionKeyPair()
const userId = '64b7f0c2a1b2c3d4e5f60718'
const upstreams = { identity: originUrl, resumes: originUrl, media: originUrl, sms: originUrl }
const gateway = await buildGateway({
  upstreams, sessionPublicKey: keys.publicKey, trustProxy: [], mefpAllowedIps: [], rateLimit: { max: 1e9, windowMs: 60_000 },
  bodyLimit: 1 << 20, uploadBodyLimit: 1 << 20, upstreamTimeoutMs: 30_000, devRoutes: false, docs: false, logLevel: 'silent'
})
const gatewayUrl = await gateway.listen({ host: '127.0.0.1', port: 0 })
const nginx = await startNginx(Number(new URL(originUrl).port))

const session = (await createSessionSigner(keys.privateKey))({ sub: userId })
const path = '/wx/self_info/view'
const results: Result[] = []
// What the gateway adds for the service, given directly so the service does the same work.
results.push(await load('service directly', `${originUrl}${path}`, { 'x-wx-user-id': userId }))
results.push(await load('through the gateway (session verified)', `${gatewayUrl}${path}`, { cookie: `wx_session=${session}` }))
results.push(await load('through the gateway, a route without session', `${gatewayUrl}/users/x`, {}))
if (nginx) results.push(await load('through nginx (no session check)', `${nginx.url}${path}`, { 'x-wx-user-id': userId }))

const direct = results[0]?.requests ?? 1
console.log(`\n${DURATION_S} s per target, ${CONNECTIONS} connections, ${new Date().toISOString()}\n`)
console.log('| target | req/s | ratio to direct | p50 ms | p99 ms | errors |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
for (const r of results) {
  console.log(`| ${r.target} | ${Math.round(r.requests)} | ${(r.requests / direct).toFixed(2)} | ${r.p50} | ${r.p99} | ${r.errors} |`)
}
nginx?.stop()
await gateway.close()
origin.kill('SIGTERM')
