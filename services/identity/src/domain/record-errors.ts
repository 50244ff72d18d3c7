import { createError } from '@driver/kit'

/**
 * Refusals of the signed-in `/users` routes: the user's own record, the list,
 * consignors and drivers. `/users` answers real HTTP statuses (DESIGN §3).
 */

/** Missing, malformed, tampered, expired, or naming a user who is gone: one answer for all. */
export const UserUnauthorizedError = createError('IDENTITY_UNAUTHORIZED', '未登录或登录已过期', 401)
/** A live token of a user an administrator disabled (status 0). */
export const UserDisabledError = createError('IDENTITY_USER_DISABLED', '账号已停用', 403)

/** Unknown, or outside the caller's scope: the two are not told apart. */
export const UserNotFoundError = createError('IDENTITY_USER_NOT_FOUND', '用户不存在', 404)
export const OwnProfileOnlyError = createError('IDENTITY_OWN_PROFILE_ONLY', '只能修改自己的资料或密码', 403)
export const ManagedFieldsError = createError('IDENTITY_NOT_MANAGER', '无权修改状态、角色、区域或审核状况', 403)
export const RoleNotGrantableError = createError('IDENTITY_ROLE_NOT_GRANTABLE', '只能授予低于自己的角色', 403)
export const AreaOutsideScopeError = createError('IDENTITY_AREA_OUTSIDE_SCOPE', '区域超出管辖范围', 403)
export const PasswordPairError = createError('IDENTITY_PASSWORD_PAIR', '修改密码需同时提供新密码和原密码', 400)

export const LoginNameMismatchError = createError('IDENTITY_LOGIN_NAME_MISMATCH', '只能为自己的账号添加信息', 403)
export const ConsignorExistsError = createError('IDENTITY_CONSIGNOR_EXISTS', '货主信息已存在，请修改', 409)
export const DriverExistsError = createError('IDENTITY_DRIVER_EXISTS', '车主信息已存在，请修改', 409)
export const ConsignorNotFoundError = createError('IDENTITY_CONSIGNOR_NOT_FOUND', '货主信息不存在', 404)
export const DriverNotFoundError = createError('IDENTITY_DRIVER_NOT_FOUND', '车主信息不存在', 404)
export const OwnRecordOnlyError = createError('IDENTITY_OWN_RECORD_ONLY', '只能修改自己的信息', 403)
