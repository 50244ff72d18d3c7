export {
  buildWechatSimulator, startWechatSimulator, SimulatorInProductionError,
  type WechatSimulator, type WechatSimulatorOptions, type StartedWechatSimulator
} from './wechat-simulator.js'
export type { SimulatorCalls } from './simulator-context.js'
export { SIM_JPEG, SIM_PNG, SIM_TEXT, MAX_BIG_BYTES } from './sim-media.js'
