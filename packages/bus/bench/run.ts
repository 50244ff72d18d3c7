import { benchEvents } from './events.js'
import { table } from './report.js'
import { benchRequestReply } from './request-reply.js'

console.log(`# @driver/bus benchmarks — ${new Date().toISOString().slice(0, 10)}, node ${process.version}\n`)
console.log('## Events (publisher confirms, durable queue, manual acks)\n')
console.log(table(['case', 'messages', 'events/s'], await benchEvents()))
console.log('\n## Request/reply (direct reply-to) vs HTTP loopback\n')
console.log(table(['case', 'round trips/s', 'p50 ms', 'p99 ms', 'vs HTTP (req/s)'], await benchRequestReply()))
