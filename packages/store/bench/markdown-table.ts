/** Renders rows as a GitHub markdown table, columns in the order of the first row's keys. */
export function markdownTable (rows: Array<Record<string, string | number>>): string {
  const [first] = rows
  if (first === undefined) return ''
  const columns = Object.keys(first)
  const line = (cells: Array<string | number>): string => `| ${cells.join(' | ')} |`
  const body = rows.map((row) => line(columns.map((column) => row[column] ?? '')))
  return [line(columns), line(columns.map(() => '---')), ...body].join('\n')
}

export function formatNumber (value: number, digits = 0): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
}
