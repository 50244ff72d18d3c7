export {
  buildWechatSimulator, startWechatSimulator,
  type WechatSimulator, type WechatSimulatorOptions, type StartedWechatSimulator
} from './wechat-simulator.js'
export { SimulatorInProductionError } from '../production-guard.js'
export { BROWSER_COOKIE } from './routes/oauth.js'
export { WECHAT_STATE_FILE } from './simulator-people.js'
export type { SimulatorCalls } from './simulator-context.js'
export { SIM_JPEG, SIM_PNG, SIM_TEXT, MAX_BIG_BYTES } from './sim-media.js'
export { SIM_ACCOUNT_ID } from './wechat-simulator.js'
export type { PushInput, PushOutcome } from './push/simulator-pusher.js'
export { signedPush, type PushMode, type PushSigning } from './push/push-envelope.js'
