// What ops trust docker-compose.yml and the image for, on the compose file as docker-compose resolves
// it with a .env and secrets from scripts/env-file.mjs: limits, rotated logs, hardened containers,
// secrets as files only; and the image's own health check.
import t from 'tap'
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'

const root = new URL('../../../', import.meta.url).pathname

interface Service {
  image?: string, profiles?: string[], ports?: (string | { published?: string | number, host_ip?: string })[],
  volumes?: (string | { source?: string, target?: string })[], environment?: Record<string, string | null>, secrets?: { source: string }[],
  mem_limit?: string, cpus?: number, pids_limit?: number, init?: boolean, read_only?: boolean,
  cap_drop?: string[], security_opt?: string[], logging?: { driver: string, options?: Record<string, string> }
}
interface Compose { services: Record<string, Service>, secrets: Record<string, { file: string }> }

const noCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0 &&
  spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0
  ? false
  : 'docker-compose and python3 with PyYAML are not installed (CI installs them)'

/** A .env and secrets as a first run writes them, and the compose file as docker-compose resolves it. */
function resolved (dir: string): { compose: Compose, file: string } {
  execFileSync(process.execPath, [join(root, 'scripts/env-file.mjs'), '--output', join(dir, '.env')], {
    env: {
      PATH: process.env.PATH,
      WECHAT_APPID: 'wx0123456789abcdef',
      WECHAT_SECRET: 'the-official-account-secret',
      WECHAT_OAUTH_CALLBACK_URL: 'https://h5.example.com/wx/auth/callback',
      MEFP_URL: 'https://mefp.example.com',
      MEFP_SECRET: 'mefp-aes-key-of-exactly-32-bytes',
      APP_SECRET: 'mefp-iv-16-bytes'
    }
  })
  const yaml = execFileSync(
    'docker-compose',
    ['--env-file', join(dir, '.env'), '-f', join(root, 'docker-compose.yml'), 'config'],
    { encoding: 'utf8', env: { PATH: process.env.PATH } }
  )
  const json = execFileSync(
    'python3',
    ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
    { input: yaml, encoding: 'utf8' }
  )
  const file = join(dir, 'compose.json')
  writeFileSync(file, json)
  return { compose: JSON.parse(json) as Compose, file }
}

/** A YAML file of the repository as JSON, read the way the compose file is (python3's PyYAML). */
const yamlFile = (path: string): unknown => JSON.parse(execFileSync(
  'python3', ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)', join(root, path)],
  { encoding: 'utf8' }
))

const check = (file: string) =>
  spawnSync(process.execPath, [join(root, 'scripts/check-compose.mjs'), file], { encoding: 'utf8' })

t.test('every container is limited, has rotated logs, and runs hardened', { skip: noCompose }, async (t) => {
  const { compose, file } = resolved(t.testdir())
  t.equal(compose.services.mongo?.image, 'mongo:8')
  t.equal(compose.services.rabbitmq?.image, 'rabbitmq:4-management', 'a RabbitMQ with community support')
  for (const [name, service] of Object.entries(compose.services)) {
    t.ok(service.mem_limit && Number(service.cpus) > 0 && Number(service.pids_limit) > 0, `${name} is limited`)
    t.equal(service.logging?.driver, 'json-file')
    t.ok(service.logging?.options?.['max-size'] && service.logging.options['max-file'], `${name}'s logs rotate`)
    t.equal(service.init, true)
    t.equal(service.read_only, true, `${name}'s root file system is read-only`)
    t.same(service.cap_drop, ['ALL'])
    t.ok(service.security_opt?.includes('no-new-privileges:true'))
  }
  const checked = check(file)
  t.equal(checked.status, 0, checked.stderr)
  t.match(checked.stdout, '10 containers')
})

t.test('no secret is in a container\'s environment; each is a file it mounts', { skip: noCompose }, async (t) => {
  const dir = t.testdir()
  const { compose, file } = resolved(dir)
  const environments = JSON.stringify(Object.values(compose.services).map((service) => service.environment))
  for (const [name, secret] of Object.entries(compose.secrets)) {
    const value = readFileSync(secret.file, 'utf8').trim()
    if (value.length >= 8) t.notMatch(environments, value, `the ${name} secret is not in any environment`)
  }
  t.equal(compose.services.sms?.environment?.SMS_CODE_SECRET_FILE, '/run/secrets/sms_code_secret')
  t.ok(compose.services.sms?.secrets?.some((secret) => secret.source === 'sms_code_secret'), 'sms mounts it')

  // A compose file that put a secret back into an environment is caught, naming the variable.
  const token = readFileSync(compose.secrets.token_secret!.file, 'utf8')
  const leaky = structuredClone(compose)
  leaky.services.identity!.environment!.TOKEN_SECRET = token
  writeFileSync(join(dir, 'leaky.json'), JSON.stringify(leaky))
  const leaked = check(join(dir, 'leaky.json'))
  t.equal(leaked.status, 1)
  t.match(leaked.stderr, 'identity: TOKEN_SECRET holds the secret token_secret')

  // A missing secret file is named before anything starts.
  renameSync(compose.secrets.sms_code_secret!.file, join(dir, 'elsewhere'))
  const missing = check(file)
  t.equal(missing.status, 1)
  t.match(missing.stderr, 'sms: the secret sms_code_secret is missing')
})

t.test('the observability profile adds Prometheus, Jaeger and Grafana with the platform\'s dashboard',
  { skip: noCompose }, async (t) => {
    const { compose } = resolved(t.testdir())
    const extra = ['prometheus', 'jaeger', 'grafana']
    for (const [name, service] of Object.entries(compose.services)) {
      t.same(service.profiles ?? [], extra.includes(name) ? ['observability'] : [],
        `${name} ${extra.includes(name) ? 'starts only with --profile observability' : 'starts without a profile'}`)
    }
    for (const name of extra) {
      const published = JSON.stringify(compose.services[name]?.ports)
      t.match(published, /127\.0\.0\.1/, `${name}'s page is published on loopback only`)
    }
    const grafana = compose.services.grafana!
    t.equal(grafana.environment?.GF_SECURITY_ADMIN_PASSWORD__FILE, '/run/secrets/grafana_admin_password')
    t.ok(grafana.secrets?.some((secret) => secret.source === 'grafana_admin_password'), 'the password is a file')
    const mounts = JSON.stringify(grafana.volumes)
    t.match(mounts, 'ops/observability/grafana/provisioning')
    t.match(mounts, 'ops/observability/grafana/dashboards')

    // Prometheus finds every replica of every process by its compose name.
    const prometheus = yamlFile('ops/observability/prometheus.yml') as {
      scrape_configs: { job_name: string, dns_sd_configs: { names: string[], port: number }[] }[]
    }
    const scraped = prometheus.scrape_configs.flatMap((job) =>
      job.dns_sd_configs.flatMap((sd) => sd.names.map((name) => `${name}:${sd.port}`)))
    const metricsPort = compose.services.gateway?.environment?.METRICS_PORT ?? '9091'
    t.same(scraped.sort(), ['gateway:' + metricsPort, 'identity:3000', 'media:3000', 'resumes:3000', 'sms:3000'])
    t.match(JSON.stringify(compose.services.prometheus?.volumes), 'ops/observability/prometheus.yml')

    const sources = yamlFile('ops/observability/grafana/provisioning/datasources/datasources.yml') as {
      datasources: { type: string, url: string }[]
    }
    t.same(sources.datasources.map((source) => `${source.type} ${source.url}`),
      ['prometheus http://prometheus:9090', 'jaeger http://jaeger:16686'])
    const provider = yamlFile('ops/observability/grafana/provisioning/dashboards/dashboards.yml') as {
      providers: { options: { path: string } }[]
    }
    t.equal(provider.providers[0]?.options.path, '/etc/grafana/dashboards', 'where compose mounts the dashboards')

    // The dashboard shows what an operator looks at first.
    const dashboard = JSON.parse(readFileSync(
      join(root, 'ops/observability/grafana/dashboards/driver-platform.json'), 'utf8')) as {
      panels: { title: string, targets: { expr: string }[] }[]
    }
    const queries = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)).join('\n')
    for (const family of [
      'http_request_duration_seconds_count', 'http_request_duration_seconds_bucket', 'gateway_upstream_errors_total',
      'outbox_events_held', 'outbox_oldest_event_age_seconds', 'bus_messages_dead_lettered_total',
      'sms_sent_total', 'sms_refused_total', 'wechat_api_errors_total'
    ]) t.match(queries, family, `a panel shows ${family}`)
    t.match(queries, 'histogram_quantile(0.5,', 'latency p50')
    t.match(queries, 'histogram_quantile(0.99,', 'latency p99')
    t.match(queries, 'status_code=~"5.."', 'errors by service')
  })

t.test('the image\'s HEALTHCHECK asks /healthz on the process\'s port', async (t) => {
  const line = /^HEALTHCHECK .*\\\n\s+CMD (\[.*\])$/m.exec(readFileSync(join(root, 'Dockerfile'), 'utf8'))
  t.ok(line, 'the Dockerfile has a HEALTHCHECK in exec form')
  if (!line) return
  const [command, ...args] = JSON.parse(line[1] ?? '[]') as string[]
  t.equal(command, 'node', 'it needs nothing the image lacks')
  let status = 200
  const asked: string[] = []
  const server = createServer((request, response) => {
    asked.push(request.url ?? '')
    response.writeHead(status).end()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => server.close())
  const { port } = server.address() as { port: number }
  // Not spawnSync: this process must go on answering while the probe runs.
  const probe = async () => {
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH, PORT: String(port) } })
    const [code] = await once(child, 'exit') as [number]
    return code
  }
  t.equal(await probe(), 0, 'healthy while /healthz answers 200')
  status = 503
  t.equal(await probe(), 1, 'unhealthy when it does not')
  t.same(asked, ['/healthz', '/healthz'])
})
