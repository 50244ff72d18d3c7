// The WeChat simulator in a process of its own, so its memory and CPU are not the media service's.
// Prints `listening <url>`; BENCH_TOKEN_TTL_SECONDS shortens the token's life.
import { startWechatSimulator } from '@driver/simulators/wechat'
import { BENCH_APP } from './bench-app.js'

const tokenTtlSeconds = Number(process.env.BENCH_TOKEN_TTL_SECONDS ?? 7200)
const simulator = await startWechatSimulator({ ...BENCH_APP, port: 0, tokenTtlSeconds })
console.log(`listening ${simulator.url}`)
process.on('SIGTERM', () => { void simulator.close().then(() => process.exit(0)) })
