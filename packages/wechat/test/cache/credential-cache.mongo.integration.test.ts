import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { openStore, type Store } from '@driver/store'
import t from 'tap'
import { CREDENTIALS_COLLECTION, createWechatClient, type WechatClient } from '../../src/index.js'
import { startWechatSimulator } from '@driver/simulators/wechat'
import { APP_ID, APP_SECRET, consume } from '../helper.js'

// The embedded store allows one opener per directory; MongoDB lets two stores (two connection
// pools, as two processes would have) share the cache for real. Skipped without MONGO_URL.
const mongoUrl = process.env.MONGO_URL

t.test('two processes’ stores on one MongoDB, 25 concurrent downloads each: one token fetch', {
  skip: mongoUrl === undefined || mongoUrl === '' ? 'MONGO_URL not set' : false
}, async (t) => {
  const simulator = await startWechatSimulator({ appId: APP_ID, secret: APP_SECRET, latencyMs: 20 })
  t.teardown(() => simulator.close())
  const service = `wechat_test_${randomBytes(4).toString('hex')}`
  const stores: Store[] = []
  for (let index = 0; index < 2; index++) stores.push(await openStore({ service, dataDir: tmpdir(), mongoUrl }))
  t.teardown(async () => {
    const credentials = stores[0]?.collection(CREDENTIALS_COLLECTION)
    for (const { _id } of await credentials?.find({}) ?? []) await credentials?.deleteOne({ _id })
    for (const store of stores) await store.close()
  })
  const clients: WechatClient[] = stores.map((store) =>
    createWechatClient({ apiUrl: simulator.url, openUrl: simulator.url, appId: APP_ID, secret: APP_SECRET, store }))
  t.teardown(async () => { for (const client of clients) await client.close() })

  const sizes = await Promise.all(clients.flatMap((client) => Array.from({ length: 25 }, async (_, index) =>
    (await consume((await client.downloadMedia(`sim-${index}`)).body)).bytes.length)))
  t.equal(sizes.length, 50)
  t.match(simulator.calls, { token: 1, media: 50 })
})
