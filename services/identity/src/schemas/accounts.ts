import { formatDateTime } from '@driver/kit'
import { Type, type Static } from 'typebox'
import type { User } from '../domain/user.js'
import type { Consignor, Driver } from '../domain/user-records.js'
import { CurrentPassword, NewPassword } from './password.js'
import { textOrEmpty as str } from './record-fields.js'

/**
 * The account routes of `/users` (seed 004 §1–3, §7, §14, §15, and the
 * password reset). Types are never coerced: a number where text is due is
 * refused, as every `/users` route does (DESIGN §3).
 */
const Text = (maxLength: number, description: string) => Type.String({ maxLength, description })

/** A login name as MeFP knows it (a phone today); no spaces, so it cannot hide in a list or a log. */
export const LoginName = Type.String({
  minLength: 1, maxLength: 64, pattern: '^\\S+$', description: '登录名（目前为手机号码）'
})
/** Where an SMS code goes: register, captcha and reset need a mobile number. */
const PhoneLoginName = Type.String({
  pattern: '^1[3-9][0-9]{9}$', description: '登录名，手机号码（contracts 的 MainlandPhone）'
})
const Captcha = Type.String({ pattern: '^[0-9]{6}$', description: '手机验证码' })

const ProfileFields = {
  user_name: Type.Optional(Text(64, '昵称')),
  city: Type.Optional(Text(64, '所在城市')),
  sign: Type.Optional(Text(256, '签名档')),
  memo: Type.Optional(Text(500, '备注信息'))
}

export const LoginSchema = Type.Object({ login_name: LoginName, password: CurrentPassword })
export const RegisterSchema = Type.Object({
  login_name: PhoneLoginName, password: NewPassword, captcha: Captcha, ...ProfileFields
})
export const ActivateSchema = Type.Object({ login_name: LoginName, ...ProfileFields })
export const CheckQuerySchema = Type.Object({ login_name: LoginName })
/** `usage`: 1 register, 2 reset the password. */
export const CaptchaSchema = Type.Object({
  login_name: PhoneLoginName,
  usage: Type.Union([Type.Literal(1), Type.Literal(2)], { description: '用途：1 注册，2 找回密码' })
})
export const ResetPasswordSchema = Type.Object({ login_name: PhoneLoginName, captcha: Captcha, password: NewPassword })
/** `POST /users/token`: the encrypted request as the raw text/plain body, or as `data` of a JSON or form body. */
export const TokenRequestSchema = Type.Union([
  Type.String({ minLength: 1, maxLength: 8192 }),
  Type.Object({ data: Type.String({ minLength: 1, maxLength: 8192 }) })
])

export type ProfileBody = Static<typeof ActivateSchema>

export const DoneSchema = Type.Object({ result: Type.Literal(1) })

/** The seed's login answer; a user without a consignor or driver record has null there. */
export const LoginAnswerSchema = Type.Object({
  result: Type.Literal(1),
  data: Type.Object({
    token: Type.String(),
    login_name: Type.String(),
    user_id: Type.Integer(),
    user_name: Type.String(),
    role: Type.Integer(),
    checked: Type.Integer(),
    status: Type.Integer(),
    reg_time: Type.String(),
    login_time: Type.String({ description: 'the previous login, "" for the first' }),
    login_ip: Type.String({ description: 'the previous login' }),
    login_count: Type.Integer({ description: 'logins before this one' }),
    sign: Type.String(),
    consignors: Type.Union([Type.Null(), Type.Object({
      id: Type.Integer(),
      contact_number: Type.String(),
      contact_name: Type.String(),
      company: Type.String(),
      address: Type.String(),
      memo: Type.String()
    })]),
    drivers: Type.Union([Type.Null(), Type.Object({
      id: Type.Integer(),
      contact_number: Type.String(),
      contact_name: Type.String(),
      plate_number: Type.String(),
      memo: Type.String()
    })])
  })
})
export type LoginAnswer = Static<typeof LoginAnswerSchema>

export const CheckAnswerSchema = Type.Object({
  result: Type.Literal(1),
  data: Type.Object({
    reg_app: Type.String({ description: '"" when MeFP does not know the login name' }),
    reg_time: Type.String()
  })
})

/** `{"token": "…"}` encrypted as MeFP's requests are. */
export const TokenAnswerSchema = Type.Object({ result: Type.Literal(1), data: Type.String() })

/**
 * Seed 004's login answer. `user` is as it was before this login, so
 * login_time, login_ip and login_count are the previous login's; a value the
 * user lacks is "" (the seed: null becomes ""), a record they lack is null.
 */
export function loginAnswerOf (
  user: User, token: string, consignor: Consignor | null, driver: Driver | null, timeZone: string
): LoginAnswer {
  return {
    result: 1,
    data: {
      token,
      login_name: user.login_name,
      user_id: user._id,
      user_name: str(user.user_name),
      role: user.role,
      checked: user.checked,
      status: user.status,
      reg_time: formatDateTime(user.reg_time, timeZone),
      login_time: user.login_time ? formatDateTime(user.login_time, timeZone) : '',
      login_ip: str(user.login_ip),
      login_count: user.login_count,
      sign: str(user.sign),
      consignors: consignor && {
        id: consignor._id,
        contact_number: str(consignor.contact_number),
        contact_name: str(consignor.contact_name),
        company: str(consignor.company),
        address: str(consignor.address),
        memo: str(consignor.memo)
      },
      drivers: driver && {
        id: driver._id,
        contact_number: str(driver.contact_number),
        contact_name: str(driver.contact_name),
        plate_number: str(driver.plate_number),
        memo: str(driver.memo)
      }
    }
  }
}
