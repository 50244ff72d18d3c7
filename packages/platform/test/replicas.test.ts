import t from 'tap'
import { InProcessBroker } from '@driver/bus'
import { gatewayOptions, buildGateway, loadGatewayConfig } from '@driver/gateway'
import type { App } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { createSessionSigner, generateSessionKeyPair } from '@driver/kit/session'
import { loadResumesConfig, resumesService } from '@driver/resumes'
import { openStore, type Store } from '@driver/store'

const SECRET = 'gateway-assertion-secret-for-replica-tests'
const DRIVER = '64b7f0c2a1b2c3d4e5f60a01'

/** The store as one replica holds it: shared, so closing a replica leaves it open for the other. */
function sharedStore (store: Store): Store {
  return {
    kind: store.kind,
    collection: (name) => store.collection(name),
    blobs: (bucket) => store.blobs(bucket),
    counter: (name) => store.counter(name),
    ping: () => store.ping(),
    close: async () => {}
  }
}

t.test('the resumes service twice behind the gateway: both answer, and when one is closed nothing fails', async (t) => {
  const dataDir = t.testdir()
  const store = await openStore({ service: 'resumes', dataDir })
  t.teardown(() => store.close())
  const broker = new InProcessBroker()
  const config = loadResumesConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, GATEWAY_ASSERTION_SECRET: SECRET })
  const replicas: Array<{ app: App, url: string, requests: number }> = []
  for (let i = 0; i < 2; i++) {
    const app = await buildService(resumesService, { config, store: sharedStore(store), broker })
    t.teardown(() => app.close())
    const replica = { app, url: await app.listen({ host: '127.0.0.1', port: 0 }), requests: 0 }
    app.server.on('request', (request: { url?: string }) => { if (request.url?.startsWith('/wx/')) replica.requests++ })
    replicas.push(replica)
  }
  const [first, second] = replicas as [typeof replicas[0], typeof replicas[0]]

  const keys = generateSessionKeyPair()
  const nowhere = 'http://127.0.0.1:1'
  const gateway = await buildGateway(gatewayOptions(loadGatewayConfig({
    LOG_LEVEL: 'silent',
    RESUMES_URL: `${first.url},${second.url}`,
    IDENTITY_URL: nowhere,
    MEDIA_URL: nowhere,
    SMS_URL: nowhere,
    SESSION_PUBLIC_KEY: keys.publicKey,
    GATEWAY_ASSERTION_SECRET: SECRET
  })))
  t.teardown(() => gateway.close())
  const cookie = `wx_session=${(await createSessionSigner(keys.privateKey))({ sub: DRIVER })}`
  await store.collection<{ _id: string, nick_name: string }>('wx_user').insertOne({ _id: DRIVER, nick_name: 'driver' })

  const view = () => gateway.inject({ method: 'GET', url: '/wx/self_info/view', headers: { cookie } })
  const update = (nickName: string) => gateway.inject({
    method: 'POST', url: '/wx/self_info/update', headers: { cookie }, payload: { nick_name: nickName }
  })
  for (let i = 0; i < 10; i++) t.equal((await view()).statusCode, 200)
  t.ok(first.requests > 0 && second.requests > 0, `both replicas answered (${first.requests}, ${second.requests})`)
  const ready = (await gateway.inject({ method: 'GET', url: '/readyz' })).json()
  t.same(ready.replicas.resumes, { [first.url]: 'ok', [second.url]: 'ok' }, '/readyz lists both')

  const written = await update('written by one replica')
  t.equal(written.statusCode, 200)
  for (let i = 0; i < 4; i++) {
    t.equal((await view()).json().data.nick_name, 'written by one replica', 'read by either: the store is shared')
  }

  await second.app.close()
  for (let i = 0; i < 10; i++) t.equal((await view()).statusCode, 200, `read ${i} after the close answered`)
  t.equal(gateway.replicas.resumes.replicas.get(second.url), 'down', 'the closed replica is noticed')
  const served = first.requests
  for (let i = 0; i < 10; i++) t.equal((await update(`after ${i}`)).statusCode, 200, `write ${i} answered`)
  t.equal(first.requests - served, 10, 'by the replica left')
  t.same((await gateway.inject({ method: 'GET', url: '/readyz' })).json().replicas.resumes,
    { [first.url]: 'ok', [second.url]: 'down' })
})
