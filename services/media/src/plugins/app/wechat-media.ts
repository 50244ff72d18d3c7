import fp from 'fastify-plugin'
import { WechatError, WechatTransportErrcode } from '@driver/wechat'
import { needsOperator, wechatRefusal } from '../../domain/wechat-refusal.js'
import { DownloadAbandonedError } from '../../errors.js'
import type { ImageRecord } from './image-repository.js'
import type { ImageTarget } from './image-storage.js'

export interface WechatMedia {
  /**
   * Downloads a temporary media (the page's serverId) from WeChat and stores it
   * as an image. WeChat's errors become the refusals a driver reads; nothing is
   * stored unless the whole image arrived and passed. `abandoned`: the caller
   * went away, so the download stops (and stores nothing).
   */
  download: (serverId: string, target: ImageTarget, options?: { abandoned?: AbortSignal }) => Promise<ImageRecord>
  /** The cached jsapi_ticket for JS-SDK signatures. */
  jsapiTicket: () => Promise<string>
}

declare module 'fastify' {
  interface FastifyInstance {
    wechatMedia: WechatMedia
  }
}

/** The service's own answer to the bytes (not an image, too large): a 4xx that stays as it is. */
const isRefusal = (error: unknown): boolean => {
  const status = (error as { statusCode?: unknown }).statusCode
  return typeof status === 'number' && status < 500
}

export interface WechatMediaOptions {
  /** MEDIA_DOWNLOAD_TIMEOUT_MS: one download as a whole, however steadily WeChat trickles it. */
  downloadTimeoutMs: number
}

/** What the media routes ask of WeChat, its errors told in the driver's words. */
export const wechatMedia = fp<WechatMediaOptions>(async (app, { downloadTimeoutMs }) => {
  /**
   * Only WeChat's errors are translated (a broken-off download
   * is one too); a fault of the store or a bug stays a fault.
   */
  const translate = (error: unknown): unknown => {
    if (!(error instanceof WechatError)) return error
    // The error's own text names the API and WeChat's errmsg, never a query (the client sees to that).
    const details = { api: error.api, errcode: error.errcode, errmsg: error.errmsg }
    if (needsOperator(error.errcode)) {
      const check = 'check WECHAT_APPID, WECHAT_SECRET and the IP allow-list'
      app.log.error(details, `WeChat refused the official account: ${check}`)
    } else {
      app.log.warn(details, 'WeChat call failed')
    }
    return wechatRefusal(error.errcode)
  }

  app.decorate('wechatMedia', {
    async download (serverId, target, { abandoned } = {}) {
      const deadline = AbortSignal.timeout(downloadTimeoutMs)
      const signal = abandoned === undefined ? deadline : AbortSignal.any([deadline, abandoned])
      try {
        const media = await app.wechat.downloadMedia(serverId, { signal })
        try {
          return await app.imageStorage.save(media.body, target, media.contentLength)
        } catch (error) {
          // A source that broke off is WeChat's failure, whatever the stream machinery reported
          // on the way (its own error, or a premature close when the timing is unlucky).
          throw media.body.errored instanceof WechatError && !isRefusal(error) ? media.body.errored : error
        } finally {
          media.body.destroy()
        }
      } catch (error) {
        // An abort surfaces as whatever the stream machinery saw first; the signals say which it was.
        if (abandoned?.aborted === true) throw new DownloadAbandonedError()
        if (deadline.aborted) {
          const late = `the download took longer than ${downloadTimeoutMs} ms`
          throw translate(new WechatError('/cgi-bin/media/get', WechatTransportErrcode.timeout, late))
        }
        throw translate(error)
      }
    },
    async jsapiTicket () {
      try {
        return await app.wechat.jsapiTicket()
      } catch (error) {
        throw translate(error)
      }
    }
  } satisfies WechatMedia)
}, { name: 'wechat-media', dependencies: ['wechat', 'image-storage'] })
