import { createError, createExposedError } from '@driver/kit'

/** Refusals the user reads; on /wx they answer 200 with the message and the code (DESIGN §3). */
export const TableMismatchError = createError('MEDIA_TABLE_MISMATCH', 'table_name 与上传地址不一致', 400)
export const FieldRequiredError = createError('MEDIA_FIELD_REQUIRED', '请指定 field_name（%s）', 400)
export const UnknownFieldError = createError('MEDIA_UNKNOWN_FIELD', 'field_name 错误，只能是 %s', 400)
export const NotAnImageError = createError('MEDIA_NOT_AN_IMAGE', '只能上传 JPEG、PNG、GIF 或 WebP 图片', 400)
export const ImageTooLargeError = createError('MEDIA_IMAGE_TOO_LARGE', '图片过大，不能超过 %s', 400)
export const NoFileError = createError('MEDIA_NO_FILE', '请选择要上传的图片', 400)
export const NotMultipartError = createError('MEDIA_NOT_MULTIPART', '请以 multipart/form-data 上传图片', 400)
export const BadUploadError = createError('MEDIA_BAD_UPLOAD', '上传内容不完整或格式错误，请重新上传', 400)
export const PageUrlInvalidError = createError('MEDIA_JSSDK_URL_INVALID', '页面地址格式错误', 400)
/** A user's upload quota (README "Upload quota"): refused before anything is fetched or stored. */
export const DailyImagesError = createError('MEDIA_DAILY_IMAGE_LIMIT', '今天上传的图片已达 %s 张，请明天再试', 400)
export const DailyBytesError = createError('MEDIA_DAILY_SIZE_LIMIT', '今天上传的图片总大小已达上限（%s），请明天再试', 400)
export const TotalImagesError = createError('MEDIA_IMAGE_LIMIT', '上传的图片已达 %s 张的上限，不能再上传', 400)
export const PageNotAllowedError = createError('MEDIA_JSSDK_URL_NOT_ALLOWED', '该页面的域名不能使用微信 JS 接口', 400)

/**
 * An unknown id, and a personal image asked for by someone else: the same answer,
 * so nobody learns which ids exist. The image route keeps its 404 (an `<img>`
 * reads the status, not the body).
 */
export const ImageNotFoundError = createError('MEDIA_IMAGE_NOT_FOUND', '图片不存在', 404)

/** WeChat's answers to a download or a ticket, in words a driver can act on. */
export const WechatMediaInvalidError = createError('MEDIA_WECHAT_MEDIA_INVALID', '微信中的图片已过期或不存在，请重新选择图片', 400)
export const WechatBusyError = createError('MEDIA_WECHAT_BUSY', '微信服务繁忙，请稍后再试', 400)
export const WechatRefusedError = createError('MEDIA_WECHAT_REFUSED', '微信服务返回错误（%s），请稍后再试', 400)

/** The caller hung up while its photo was downloading: nothing is stored, and nobody reads the answer. */
export const DownloadAbandonedError = createError('MEDIA_DOWNLOAD_ABANDONED', '请求已取消', 400)

/** WeChat cannot be reached (down, timed out, answering garbage): a server-side outage, like a broker down. */
export const WechatUnavailableError = createExposedError('MEDIA_WECHAT_UNAVAILABLE', '暂时无法连接微信服务，请稍后再试', 503)
