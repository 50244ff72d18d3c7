import t from 'tap'
import { assertionHeaders, type App, type CommonConfig } from '@driver/kit'
import { buildService, type ServiceDefinition, type ServiceOptions } from '@driver/kit/service'
import { identityService, loadIdentityConfig } from '@driver/identity'
import { loadMediaConfig, mediaService } from '@driver/media'
import { loadResumesConfig, resumesService } from '@driver/resumes'
import { loadSmsConfig, smsService } from '@driver/sms'

interface Shape {
  service: ServiceDefinition<ServiceOptions>
  load: (env: Record<string, string>) => CommonConfig
  /** An unknown path under the service's prefix, and the 404 body its envelope gives. */
  unknown: { url: string, body: Record<string, unknown> }
}

const SECRET = 'gateway-assertion-secret-for-shape-tests'
const wxNotFound = { message: '接口不存在', code: 'KIT_NOT_FOUND' }
const SERVICES: Shape[] = [
  {
    service: identityService as ServiceDefinition<ServiceOptions>,
    load: loadIdentityConfig,
    unknown: { url: '/users/nothing', body: { result: 0, msg: '接口不存在', code: 'KIT_NOT_FOUND' } }
  },
  {
    service: mediaService as ServiceDefinition<ServiceOptions>,
    load: loadMediaConfig,
    unknown: { url: '/wx/nothing', body: wxNotFound }
  },
  {
    service: resumesService as ServiceDefinition<ServiceOptions>,
    load: loadResumesConfig,
    unknown: { url: '/wx/nothing', body: wxNotFound }
  },
  {
    service: smsService as ServiceDefinition<ServiceOptions>,
    load: loadSmsConfig,
    unknown: { url: '/wx/nothing', body: wxNotFound }
  }
]

for (const { service, load, unknown } of SERVICES) {
  t.test(`every service has the same shape: ${service.name}`, async (t) => {
    // Closed before tap removes the folder (its own cleanup runs before later teardowns).
    const built: App[] = []
    t.teardown(() => Promise.all(built.map((app) => app.close())))
    const dataDir = t.testdir()
    const app = await buildService(
      service,
      { config: load({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, GATEWAY_ASSERTION_SECRET: SECRET }) }
    )
    built.push(app)

    t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'alive')
    const ready = await app.inject({ method: 'GET', url: '/readyz' })
    t.same(
      [ready.statusCode, ready.json()],
      [200, { status: 'ok', checks: { store: 'ok', bus: 'ok' } }],
      'ready with its store and bus'
    )

    const unsigned = await app.inject({ method: 'GET', url: unknown.url, headers: { 'x-client-ip': '1.2.3.4' } })
    t.equal(unsigned.statusCode, 401, 'a request the gateway did not sign is refused')
    const signed = assertionHeaders(
      SECRET,
      { method: 'GET', url: unknown.url, requestId: 'shape-1', clientIp: '10.0.0.1' }
    )
    const missing = await app.inject({ method: 'GET', url: unknown.url, headers: signed })
    t.same([missing.statusCode, JSON.parse(missing.body)], [404, unknown.body], 'a 404 in the envelope of its prefix')

    const unsignedDocument = await app.inject({ method: 'GET', url: '/openapi.json' })
    t.equal(unsignedDocument.statusCode, 401, 'nor is its OpenAPI document given to a request the gateway did not sign')
    const documentRequest = { method: 'GET', url: '/openapi.json', requestId: 'shape-2', clientIp: '10.0.0.1' }
    const document = (await app.inject({
      method: 'GET', url: '/openapi.json', headers: assertionHeaders(SECRET, documentRequest)
    })).json<{
      openapi: string,
      info: { title: string },
      paths: Record<string,
      unknown>
    }>()
    t.match(document, { openapi: /^3\./, info: { title: `${service.name} service` } }, 'its OpenAPI document')
    t.notOk(
      document.paths['/healthz'] ?? document.paths['/readyz'] ?? document.paths['/openapi.json'],
      'without the internal routes'
    )
  })
}
