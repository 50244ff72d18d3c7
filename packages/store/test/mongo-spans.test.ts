import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { MongoClient } from 'mongodb'
import t from 'tap'
import { mongoStore } from '../src/mongo/open-mongo-store.js'

// Without a server: the client points at a closed port, so the call reaches the driver and fails
// there (after 500 ms), which is what a span must then say.
t.test('a MongoDB call is a client span named for its operation and collection, failed when it fails', async (t) => {
  const exporter = new InMemorySpanExporter()
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }))
  t.teardown(() => trace.disable())
  const client = new MongoClient('mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=500', { ignoreUndefined: true })
  const store = mongoStore(client, 'spans')
  t.teardown(() => store.close())

  await t.rejects(store.collection('resume').find({ wx_id: 'someone' }))
  const [span, ...others] = exporter.getFinishedSpans()
  t.equal(others.length, 0, 'one call, one span')
  t.equal(span?.name, 'find resume')
  t.equal(span?.kind, SpanKind.CLIENT)
  t.same(span?.attributes, { 'db.system.name': 'mongodb', 'db.collection.name': 'resume', 'db.operation.name': 'find' })
  t.equal(span?.status.code, SpanStatusCode.ERROR, 'the driver\'s failure marks it')
})
