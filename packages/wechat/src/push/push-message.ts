import { XMLParser, XMLValidator } from 'fast-xml-parser'

/**
 * The top-level elements of a pushed message (`<xml><ToUserName>…</xml>`) as
 * text: `FromUserName`, `CreateTime`, `MsgType`, `Event`, `EventKey`, `MsgId`,
 * `Encrypt`… Nested elements (a menu's `ScanCodeInfo`) are left out.
 */
export type PushFields = Readonly<Record<string, string>>

/**
 * Entities are not expanded and no value is converted: WeChat sends none, and
 * an entity is how an XML bomb or an external file gets in. A document with a
 * DTD is refused before parsing (`readPushXml`).
 */
const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true
})

const DOCTYPE = /<!DOCTYPE/i

/** The fields of a pushed message, or null when the text is not one well-formed `<xml>` document without a DTD. */
export function readPushXml (text: string): PushFields | null {
  if (DOCTYPE.test(text) || XMLValidator.validate(text) !== true) return null
  let parsed: unknown
  try {
    parsed = parser.parse(text)
  } catch {
    return null
  }
  const root = (parsed as { xml?: unknown }).xml
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return null
  const fields: Record<string, string> = {}
  for (const [name, value] of Object.entries(root)) {
    if (typeof value === 'string') fields[name] = value
  }
  return fields
}
