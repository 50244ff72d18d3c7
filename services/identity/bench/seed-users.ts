// Users for the list benchmark, written as the embedded store's datafile before the store opens it.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { User } from '../src/domain/user.js'

const PROVINCES = ['浙江', '江苏', '上海', '安徽', '山东', '广东', '河南', '湖北']
const CITIES = ['杭州', '宁波', '温州', '南京', '苏州', '合肥', '济南', '广州', '郑州', '武汉']

/** The administrator the benchmark lists as: id 1, role 9, area ''. */
export const ADMIN: User = {
  _id: 1, login_name: '13000000000', user_name: 'admin', role: 9, area: '', status: 1, checked: 1, reg_app: 'bench',
  reg_time: new Date(), login_count: 0
}

/** A line of nedb's datafile: the document's JSON with dates as `{"$$date": ms}`. */
function datafileLine (document: object): string {
  return JSON.stringify(document, function (this: Record<string, unknown>, key, value: unknown) {
    const original = this[key]
    return original instanceof Date ? { $$date: original.getTime() } : value
  })
}

/**
 * `count` users besides the administrator, spread as a platform's would be:
 * mostly ordinary users (role 0), a partner in every 50, 1 in 20 disabled,
 * half checked, areas `<province>-<city>`, and a few with `.*` in their sign
 * so a keyword with regex characters finds something. Written as the
 * `users` datafile of the embedded store under `dataDir` (the store loads it
 * when it opens): inserting 100,000 documents one by one takes minutes there,
 * as every write past 1,000 appended lines counts the collection (BENCHMARKS.md).
 */
export function seedUsers (dataDir: string, count: number): void {
  const lines = [datafileLine(ADMIN)]
  const at = Date.now() - 365 * 24 * 3600 * 1000
  for (let i = 0; i < count; i++) {
    const id = i + 2
    const province = PROVINCES[i % PROVINCES.length] ?? ''
    const city = CITIES[(i >> 3) % CITIES.length] ?? ''
    lines.push(datafileLine({
      _id: id,
      login_name: `138${String(id).padStart(8, '0')}`,
      user_name: `司机${id}`,
      city,
      sign: i % 1000 === 0 ? '运费.*面议' : '这个家伙很懒,什么也没有留下',
      memo: '',
      role: i % 50 === 0 ? 5 : 0,
      area: `${province}-${city}`,
      status: i % 20 === 0 ? 0 : 1,
      checked: i % 2,
      reg_app: 'bench',
      reg_time: new Date(at + i * 1000),
      login_count: i % 7
    } satisfies User))
  }
  const dir = join(dataDir, 'identity')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'users.db'), `${lines.join('\n')}\n`)
}
