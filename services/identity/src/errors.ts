import { createError, createExposedError } from '@driver/kit'

/**
 * Every refusal of the identity service, one `IDENTITY_` code each. `/users`
 * answers real HTTP statuses (DESIGN §3): `{"result":0,"msg":…,"code":…}`.
 */

/* Logging in (`POST /users/login`). */

/** MeFP accepted the password but the user center has no such user yet: the app shows its activation page. */
export const NotActivatedError = createError('IDENTITY_NOT_ACTIVATED', '该账号尚未激活，请先激活', 404)
/** MeFP refused the login name and password; its own reason is the message. */
export const LoginRefusedError = createError('IDENTITY_LOGIN_FAILED', '%s', 401)
export const LoginNameLockedError = createError('IDENTITY_LOGIN_LOCKED', '该账号登录失败次数过多，请%d分钟后再试', 429)
export const LoginAddressLockedError = createError('IDENTITY_LOGIN_IP_LOCKED', '登录失败次数过多，请%d分钟后再试', 429)

/* Registering, activating, SMS codes. */

/** Register or activate a login name the user center already has. */
export const UserExistsError = createError('IDENTITY_USER_EXISTS', '该账号已存在，请直接登录', 409)
/** Register a login name MeFP already has: it is activated instead, and no SMS code is spent on it. */
export const AlreadyInMefpError = createError('IDENTITY_ALREADY_IN_MEFP', '该账号已在统一认证平台注册，请直接激活', 409)
/** Activate a login name MeFP does not know. */
export const NotInMefpError = createError('IDENTITY_NOT_IN_MEFP', '统一认证平台中不存在该账号，请先注册', 404)
/** The sms service refused the code (wrong, expired, too many tries); its reason is the message. */
export const CaptchaRefusedError = createError('IDENTITY_CAPTCHA_REFUSED', '%s', 400)
/** The sms service's sending limits (60 s apart, a daily cap); its reason is the message. */
export const CaptchaLimitedError = createError('IDENTITY_CAPTCHA_LIMITED', '%s', 429)
/** The SMS provider did not deliver; the user may try again. */
export const CaptchaNotSentError = createExposedError('IDENTITY_CAPTCHA_NOT_SENT', '%s', 502)

/* Tokens: MeFP's `POST /users/token`, and the token every signed-in route needs. */

/** `POST /users/token` from an address outside MEFP_ALLOWED_IPS. */
export const TokenCallerRefusedError = createError('IDENTITY_TOKEN_CALLER_REFUSED', '禁止访问', 403)
/** `POST /users/token` with a body that does not decrypt to `{"login_name": "…"}`. */
export const TokenRequestUnreadableError = createError('IDENTITY_TOKEN_REQUEST_UNREADABLE', '请求数据无法解密', 400)
export const TokenUserNotFoundError = createError('IDENTITY_TOKEN_USER_NOT_FOUND', '用户不存在', 404)
/** MEFP_SECRET, APP_SECRET or TOKEN_SECRET missing (a service started alone in development): no token can be made. */
export const TokenKeysMissingError = createExposedError(
  'IDENTITY_TOKEN_KEYS_MISSING', '登录服务未配置，请稍后再试', 503
)
/** Missing, malformed, tampered, expired, or naming a user who is gone: one answer for all. */
export const UserUnauthorizedError = createError('IDENTITY_UNAUTHORIZED', '未登录或登录已过期', 401)
/** A live token of a user an administrator disabled (status 0); login and `/users/token` refuse them too. */
export const UserDisabledError = createError('IDENTITY_USER_DISABLED', '账号已停用', 403)

/* A user's own record (`/users/:id`) and the list. */

/** Unknown, or outside the caller's scope: the two are not told apart. */
export const UserNotFoundError = createError('IDENTITY_USER_NOT_FOUND', '用户不存在', 404)
export const OwnProfileOnlyError = createError('IDENTITY_OWN_PROFILE_ONLY', '只能修改自己的资料或密码', 403)
export const ManagedFieldsError = createError('IDENTITY_NOT_MANAGER', '无权修改状态、角色、区域或审核状况', 403)
export const RoleNotGrantableError = createError('IDENTITY_ROLE_NOT_GRANTABLE', '只能授予低于自己的角色', 403)
export const AreaOutsideScopeError = createError('IDENTITY_AREA_OUTSIDE_SCOPE', '区域超出管辖范围', 403)
export const PasswordPairError = createError('IDENTITY_PASSWORD_PAIR', '修改密码需同时提供新密码和原密码', 400)

/* Consignors and drivers (`/users/consignors/*`, `/users/drivers/*`). */

export const LoginNameMismatchError = createError('IDENTITY_LOGIN_NAME_MISMATCH', '只能为自己的账号添加信息', 403)
export const ConsignorExistsError = createError('IDENTITY_CONSIGNOR_EXISTS', '货主信息已存在，请修改', 409)
export const DriverExistsError = createError('IDENTITY_DRIVER_EXISTS', '车主信息已存在，请修改', 409)
export const ConsignorNotFoundError = createError('IDENTITY_CONSIGNOR_NOT_FOUND', '货主信息不存在', 404)
export const DriverNotFoundError = createError('IDENTITY_DRIVER_NOT_FOUND', '车主信息不存在', 404)
export const OwnRecordOnlyError = createError('IDENTITY_OWN_RECORD_ONLY', '只能修改自己的信息', 403)

/* MeFP (plugins/external/mefp.ts). */

/** What a user reads when MeFP said no without saying why. */
const REFUSED_WITHOUT_REASON = '统一认证平台拒绝了请求'
/** MeFP's own text is shown to the user: kept to one short line. */
const MAX_MEFP_MESSAGE_LENGTH = 200

const MefpRefusedBase = createError('IDENTITY_MEFP_REFUSED', '%s', 400)

/**
 * MeFP answered and said no (`result: 0`): a wrong password, an unknown
 * account, an account that already exists. Its message is the user's to read
 * in the `/users` envelope (`{"result":0,"msg":<MeFP's msg>,"code":"IDENTITY_MEFP_REFUSED"}`,
 * HTTP 400); MeFP's own code stays on the error for the routes that tell cases apart.
 */
export class MefpRefusedError extends MefpRefusedBase {
  /** MeFP's `code`, as text ('' when it gave none). */
  readonly mefpCode: string

  constructor (message: string, mefpCode: string) {
    const line = message.replace(/\s+/g, ' ').trim().slice(0, MAX_MEFP_MESSAGE_LENGTH)
    super(line === '' ? REFUSED_WITHOUT_REASON : line)
    this.mefpCode = mefpCode
  }
}

/**
 * MeFP could not be asked or did not answer in its format: down, too slow, a
 * status other than 200, an answer that does not decrypt or parse. The caller
 * answers 503 and stores nothing; what went wrong is the error's `cause` (for
 * the log), never shown to the user.
 */
export const MefpUnavailableError = createExposedError(
  'IDENTITY_MEFP_UNAVAILABLE', '统一认证平台暂不可用，请稍后再试', 503
)

/* Sales and agency applications (`/users/wx_applications`). */

export const ReviewerOnlyError = createError('IDENTITY_REVIEWER_ONLY', '仅管理员可以审核销售人员和中介商的申请', 403)
export const ApplicationNotFoundError = createError('IDENTITY_APPLICATION_NOT_FOUND', '申请不存在', 404)
/** A decision on an application that is not waiting any more, a second decision included. */
export const ApplicationDecidedError = createError('IDENTITY_APPLICATION_DECIDED', '该申请已审核，不能重复审核', 409)
export const ApprovalFieldsError = createError(
  'IDENTITY_APPROVAL_FIELDS', '审核通过需填写角色（role）、名称（name）和证件号码（identity_code）', 400
)
export const RejectReasonRequiredError = createError('IDENTITY_REJECT_REASON_REQUIRED', '驳回申请需填写驳回原因', 400)
export const LicenceNotFoundError = createError('IDENTITY_LICENCE_NOT_FOUND', '该申请没有营业执照照片', 404)
/** WeChat refused or could not make the approved person's QR code: nothing was decided; WeChat's reason. */
export const QrCodeFailedError = createExposedError('IDENTITY_QR_CODE_FAILED', '生成二维码失败：%s', 502)
