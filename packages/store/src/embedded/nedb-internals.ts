/**
 * Index state nedb keeps on the datastore but leaves out of its typings. Read defensively: a
 * shape this code does not recognise reads as "no such index".
 */

export interface UniqueIndex {
  /** nedb's name for the index: its fields sorted and joined with commas. */
  name: string
  fields: string[]
  sparse: boolean
}

/** The unique indexes other than `_id`'s, whether declared in this process or loaded from the datafile. */
export function uniqueIndexesOf (datastore: object): UniqueIndex[] {
  const indexes: unknown = Reflect.get(datastore, 'indexes')
  if (typeof indexes !== 'object' || indexes === null) return []
  const unique: UniqueIndex[] = []
  for (const [name, index] of Object.entries(indexes) as Array<[string, unknown]>) {
    if (name === '_id' || typeof index !== 'object' || index === null || Reflect.get(index, 'unique') !== true) continue
    unique.push({ name, fields: name.split(','), sparse: Reflect.get(index, 'sparse') === true })
  }
  return unique
}

/** Field → `expireAfterSeconds` of the TTL indexes nedb expires documents by when it reads them. */
export function ttlIndexesOf (datastore: object): Array<[string, number]> {
  const ttl: unknown = Reflect.get(datastore, 'ttlIndexes')
  if (typeof ttl !== 'object' || ttl === null) return []
  return (Object.entries(ttl) as Array<[string, unknown]>)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
}
