import { Counter, type Registry } from '@driver/kit'
import { WechatError } from '../wechat-error.js'

/** What a WeChat client counts, on the registry of the service it belongs to. */
export interface WechatMetrics {
  /** A call to `api` (the API's path, `/cgi-bin/media/get`), whatever its outcome. */
  called: (api: string) => void
  /** A call WeChat refused (its errcode) or that failed on the way (a negative WechatTransportErrcode). */
  failed: (api: string, error: unknown) => void
  /** The access_token or jsapi_ticket fetched anew from WeChat and stored. */
  refreshed: (kind: 'access_token' | 'jsapi_ticket') => void
}

/** `wechat_api_calls_total{api}`, `wechat_api_errors_total{api,errcode}`, `wechat_token_refreshes_total{kind}`. */
export function wechatMetrics (registry: Registry): WechatMetrics {
  const registers = [registry]
  const calls = new Counter({
    name: 'wechat_api_calls_total', help: 'Calls to WeChat, by API path', labelNames: ['api'], registers
  })
  const errors = new Counter({
    name: 'wechat_api_errors_total',
    help: "Failed calls to WeChat, by API path and errcode (WeChat's own, or -1000 unreachable, " +
      '-1001 timeout, -1002 not an answer of WeChat, -1003 JSON where bytes were due)',
    labelNames: ['api', 'errcode'],
    registers
  })
  const refreshes = new Counter({
    name: 'wechat_token_refreshes_total',
    help: 'The access_token and jsapi_ticket fetched anew from WeChat, by kind',
    labelNames: ['kind'],
    registers
  })
  return {
    called: (api) => { calls.inc({ api }) },
    failed (api, error) {
      // An abort by the caller (its deadline, its client gone) is no failure of WeChat's.
      if (error instanceof WechatError) errors.inc({ api, errcode: String(error.errcode) })
    },
    refreshed: (kind) => { refreshes.inc({ kind }) }
  }
}
