import t from 'tap'
import { once } from 'node:events'
import { createServer, type AddressInfo } from 'node:net'
import { build, startOrigin } from './helper.js'

type Tap = { teardown: (fn: () => unknown) => void }

/** A replica that takes the connection and resets it once a request arrives; what it was sent, in order. */
async function resettingReplica (t: Tap): Promise<{ url: string, received: string[] }> {
  const received: string[] = []
  const server = createServer((socket) => {
    socket.once('data', (chunk: Buffer) => {
      received.push(chunk.toString('latin1'))
      socket.resetAndDestroy()
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => { server.close() })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }
}

t.test('requests are spread over every replica of a service; /readyz lists them', async (t) => {
  const second = await startOrigin(t, 'identity')
  const { gateway, origins } = await build(t)
  const first = origins.identity
  const spread = await build(t, { upstreams: { ...urlsOf(origins), identity: `${first.url}, ${second.url}` } })
  for (let i = 0; i < 20; i++) {
    t.equal((await spread.gateway.inject({ method: 'GET', url: `/users/${i}` })).statusCode, 200)
  }
  t.ok(first.requests >= 5 && second.requests >= 5, `both replicas answered (${first.requests}, ${second.requests})`)
  t.equal(first.requests + second.requests, 20)

  const ready = await spread.gateway.inject({ method: 'GET', url: '/readyz' })
  t.equal(ready.statusCode, 200)
  t.same(ready.json().replicas.identity, { [first.url]: 'ok', [second.url]: 'ok' })
  t.equal(Object.keys(ready.json().replicas.resumes).length, 1, 'every service is listed')
  t.same((await gateway.inject({ method: 'GET', url: '/readyz' })).json().replicas, undefined,
    'no list when every service has one replica')
})

t.test('a replica that closes is taken out: reads are repeated on another, and then nothing fails', async (t) => {
  const second = await startOrigin(t, 'identity')
  const { origins } = await build(t)
  const first = origins.identity
  const { gateway } = await build(t, { upstreams: { ...urlsOf(origins), identity: `${first.url},${second.url}` } })
  for (let i = 0; i < 4; i++) await gateway.inject({ method: 'GET', url: '/users/warm' })

  await second.app.close()
  for (let i = 0; i < 10; i++) {
    t.equal((await gateway.inject({ method: 'GET', url: `/users/${i}` })).statusCode, 200, `read ${i} answered`)
  }
  t.equal(gateway.replicas.identity.replicas.get(second.url), 'down', 'the closed replica is down')
  for (let i = 0; i < 10; i++) {
    const write = await gateway.inject({ method: 'POST', url: '/users/login', payload: { login_name: `${i}` } })
    t.equal(write.statusCode, 200, `write ${i} answered`)
  }
  const ready = await gateway.inject({ method: 'GET', url: '/readyz' })
  t.equal(ready.statusCode, 200, 'the service is ready with one replica')
  t.same(ready.json().replicas.identity, { [first.url]: 'ok', [second.url]: 'down' })
})

t.test('a read whose connection is reset is answered by another replica', async (t) => {
  const broken = await resettingReplica(t)
  const { origins } = await build(t)
  const identity = `${broken.url},${origins.identity.url}`
  const { gateway } = await build(t, { upstreams: { ...urlsOf(origins), identity } })
  for (let i = 0; i < 4 && broken.received.length === 0; i++) {
    t.equal((await gateway.inject({ method: 'GET', url: `/users/${i}` })).statusCode, 200)
  }
  t.equal(broken.received.length, 1, 'the broken replica was tried once, then taken out')
  t.equal(gateway.replicas.identity.replicas.get(broken.url), 'down')
})

t.test('a request with a body is never sent twice', async (t) => {
  const broken = await resettingReplica(t)
  const { origins } = await build(t)
  const identity = `${broken.url},${origins.identity.url}`
  const { gateway } = await build(t, { upstreams: { ...urlsOf(origins), identity } })
  const answers: number[] = []
  for (let i = 0; i < 4 && broken.received.length === 0; i++) {
    const write = await gateway.inject({ method: 'POST', url: '/users/login', payload: { login_name: `write-${i}` } })
    answers.push(write.statusCode)
  }
  t.equal(broken.received.length, 1)
  t.equal(answers.at(-1), 503, 'the write the broken replica took answers 503')
  t.equal(origins.identity.requests, answers.length - 1, 'and reached no other replica')
})

t.test('a host name stands for every address it resolves to', async (t) => {
  const { origins } = await build(t)
  const port = new URL(origins.identity.url).port
  const { gateway } = await build(t, { upstreams: { ...urlsOf(origins), identity: `http://localhost:${port}` } })
  await gateway.replicas.identity.resolve()
  t.ok(gateway.replicas.identity.replicas.has(`http://127.0.0.1:${port}`), 'localhost is 127.0.0.1')
  t.notOk(gateway.replicas.identity.replicas.has(`http://localhost:${port}`), 'the name itself is replaced')
  for (let i = 0; i < 4; i++) t.equal((await gateway.inject({ method: 'GET', url: `/users/${i}` })).statusCode, 200)
})

function urlsOf (origins: Record<'identity' | 'resumes' | 'media' | 'sms', { url: string }>) {
  return {
    identity: origins.identity.url, resumes: origins.resumes.url, media: origins.media.url, sms: origins.sms.url
  }
}

t.test('a replica that was down is taken back once it answers again', async (t) => {
  const second = await startOrigin(t, 'identity')
  const { origins } = await build(t)
  const identity = `${origins.identity.url},${second.url}`
  const { gateway } = await build(t, { upstreams: { ...urlsOf(origins), identity } })
  const port = Number(new URL(second.url).port)
  await second.app.close()
  for (let i = 0; i < 4; i++) t.equal((await gateway.inject({ method: 'GET', url: `/users/${i}` })).statusCode, 200)
  t.equal(gateway.replicas.identity.replicas.get(second.url), 'down')

  const back = await startOrigin(t, 'identity', undefined, port)
  // The probe asks every second; the state is watched until it says so.
  const set = gateway.replicas.identity
  await new Promise<void>((resolve) => {
    const watch = setInterval(() => {
      if (set.replicas.get(second.url) !== 'up') return
      clearInterval(watch)
      resolve()
    }, 50)
  })
  for (let i = 0; i < 10; i++) t.equal((await gateway.inject({ method: 'GET', url: `/users/${i}` })).statusCode, 200)
  t.ok(back.requests > 0, `the replica back answers again (${back.requests})`)
})
