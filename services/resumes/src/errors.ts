import { createError } from '@driver/kit'

/** Refusals the user reads; on /wx they answer 200 with the message (DESIGN §3). */
export const ImageNotFoundError = createError('RESUMES_IMAGE_NOT_FOUND', '图片不存在，请重新上传', 400)
export const ImageNotYoursError = createError('RESUMES_IMAGE_NOT_YOURS', '图片不属于当前用户，请重新上传', 400)
export const ImageWrongKindError = createError('RESUMES_IMAGE_WRONG_KIND', '图片类型不符（应为%s），请重新上传', 400)

/** WeChat login (`/wx/auth/*`): every failure is a page the user can act on, never a 5xx. */
export const LoginRedirectError = createError('RESUMES_LOGIN_REDIRECT_INVALID', '登录后的跳转地址无效', 400)
export const LoginStateError = createError('RESUMES_LOGIN_STATE_INVALID', '登录请求已失效，请重新登录', 400)
export const WechatDeclinedError = createError('RESUMES_WECHAT_DECLINED', '未获得微信授权，请重新登录并同意授权', 400)
export const WechatLoginError = createError('RESUMES_WECHAT_LOGIN_FAILED', '微信登录失败，请重新登录', 400)

/** A user's own profile (`/wx/self_info/*`). */
export const WxUserNotFoundError = createError('RESUMES_WX_USER_NOT_FOUND', '用户不存在，请重新登录', 401)
export const CheckedValueError = createError('RESUMES_CHECKED_INVALID', '审核状态只能提交为 1（申请审核）', 400)
export const ReviewLockedError = createError('RESUMES_REVIEW_LOCKED', '审核已通过，不能重新申请', 400)

/** `/wx/sales/*`: only for a sales person, agency or broker whose application was approved. */
export const NotApprovedSalesError = createError(
  'RESUMES_NOT_APPROVED_SALES', '仅限审核通过的销售人员或中介商使用', 400
)

/** Resumes (`/wx/resume/*`). */
export const IdNumberInvalidError = createError('RESUMES_ID_NUMBER_INVALID', '身份证号码无效', 400)
export const UserNameTakenError = createError('RESUMES_USER_NAME_TAKEN', '用户名已被使用', 400)
export const ResumeNotYoursError = createError('RESUMES_RESUME_NOT_YOURS', '简历不存在或不属于当前用户', 400)
export const NoResumeError = createError('RESUMES_NO_RESUME', '请先填写简历基本信息', 400)
export const UnknownOperationError = createError('RESUMES_UNKNOWN_OPT', '未知的操作: %s', 400)
export const ItemIdRequiredError = createError('RESUMES_ITEM_ID_REQUIRED', '缺少参数: %s', 400)
export const ItemNotFoundError = createError('RESUMES_ITEM_NOT_FOUND', '记录不存在或不属于当前简历', 400)
export const DatesReversedError = createError('RESUMES_DATES_REVERSED', '结束时间不能早于开始时间', 400)

/**
 * WeChat's server push (`/wx/portal`): refused in plain text with a 4xx (WeChat reads no
 * envelope); the reason is logged, never the token, the key or the message.
 */
export const PushSignatureError = createError('RESUMES_PUSH_SIGNATURE_INVALID', 'invalid signature', 403)
export const PushStaleError = createError('RESUMES_PUSH_STALE', 'timestamp out of range', 403)
export const PushUnreadableError = createError('RESUMES_PUSH_UNREADABLE', 'unreadable message', 400)
export const PushSafeModeOffError =
  createError('RESUMES_PUSH_SAFE_MODE_OFF', 'encrypted messages are not configured', 400)
export const PushNotConfiguredError = createError('RESUMES_PUSH_NOT_CONFIGURED', 'not configured', 404)
