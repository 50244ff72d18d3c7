import { MongoClient } from 'mongodb'
import t from 'tap'
import { mongoStore } from '../src/mongo/open-mongo-store.js'
import { documentsRefusalsContract } from './contract/index.js'

// What the store refuses, on the MongoDB adapter without a server: every refusal comes before the
// driver is called. The client points at a closed port, so a call that reached the driver would
// fail with the driver's own error (after 500 ms) instead of the store's.
documentsRefusalsContract(t, {
  async open (t) {
    const client = new MongoClient('mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=500', { ignoreUndefined: true })
    const store = mongoStore(client, 'refusals')
    t.teardown(() => store.close())
    return { store }
  }
})
