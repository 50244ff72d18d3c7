import { wxRoute, wxUserId, type AppPlugin } from '@driver/kit'
import { TABLE_NAMES, fieldFor } from '../../../domain/image-tables.js'
import { imageUrl } from '../../../domain/image-url.js'
import { autoDownloadExample, downloadAnswerExample } from '../../../schemas/examples.js'
import { AutoDownloadSchema, downloadAnswerSchema } from '../../../schemas/images.js'
import { hangUpSignal } from './hang-up-signal.js'

/**
 * `/wx/auto_download/<table>` (seed 000, 上传图片): the page sends the serverId
 * `wx.uploadImage` gave it; the photo is fetched from WeChat, checked, stored,
 * and its id and url answered under the names the page reads.
 */
export const autoDownloadRoutes: AppPlugin = async (app) => {
  for (const table of TABLE_NAMES) {
    wxRoute(app, `/${table}`, {
      summary: `Fetch a ${table} photo from WeChat and store it`,
      description: 'JPEG, PNG, GIF or WebP by their first bytes, within MEDIA_MAX_BYTES. ' +
        'WeChat\'s refusals answer 200 with a code; WeChat out of reach answers 503.',
      params: AutoDownloadSchema,
      response: downloadAnswerSchema(table),
      example: {
        params: autoDownloadExample,
        response: downloadAnswerExample(table),
        refusal: { message: '微信中的图片已过期或不存在，请重新选择图片', code: 'MEDIA_WECHAT_MEDIA_INVALID' }
      }
    }, async (params, request, reply) => {
      const owner = wxUserId(request)
      const field = fieldFor(table, params)
      const abandoned = hangUpSignal(reply)
      // The quota is taken before WeChat is asked, so a refused user costs no WeChat call and no bytes.
      const image = await app.uploadQuota.spend(owner, () =>
        app.wechatMedia.download(params.server_id, { owner, table, field }, { abandoned }))
      const url = imageUrl(image._id)
      return { message: 'success', [field]: image._id, [`${field}_url`]: url, url }
    })
  }
}
