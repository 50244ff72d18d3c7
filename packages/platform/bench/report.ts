// The benchmark's tables, in markdown.
import type { Measured } from './measure.js'

export interface ModeResult {
  mode: string
  results: Map<string, Measured>
  /** RSS in MB per process: idle (ready, users prepared) and after every case's load. */
  rss: Array<{ name: string, idle: number, after: number }>
}

const num = (value: number, digits = 0): string =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–'

function table (header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map((_, i) => i === 0 ? '---' : '---:')), ...rows.map(line)].join('\n')
}

export function modeTable ({ results }: ModeResult): string {
  return table(
    ['case', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'CPU µs/req', 'per process µs/req', 'log lines/req'],
    [...results].map(([name, m]) => [
      `\`${name}\``, num(m.perSecond), num(m.p50Ms, 2), num(m.p99Ms, 2), num(m.errors), num(m.cpuTotal),
      Object.entries(m.cpu).sort((a, b) => b[1] - a[1]).map(([process, µs]) => `${process} ${num(µs)}`).join(', '),
      num(m.logLinesPerRequest, 1)
    ])
  )
}

/** Every mode's CPU per request side by side, with each mode's ratio to the first. */
export function comparisonTable (modes: ModeResult[]): string {
  const [first] = modes
  if (first === undefined) return ''
  const names = [...first.results.keys()]
  const header = [
    'case', ...modes.map(({ mode }) => `${mode} µs/req`), ...modes.slice(1).map(({ mode }) => `${mode} / ${first.mode}`)
  ]
  return table(header, names.map((name) => {
    const cpu = modes.map(({ results }) => results.get(name)?.cpuTotal ?? Number.NaN)
    const base = cpu[0] ?? Number.NaN
    return [`\`${name}\``, ...cpu.map((µs) => num(µs)), ...cpu.slice(1).map((µs) => `${num(µs / base, 2)}×`)]
  }))
}

export function memoryTable (modes: ModeResult[]): string {
  return table(
    ['mode', 'process', 'RSS idle MB', 'RSS after load MB'],
    modes.flatMap(({ mode, rss }) => rss.map(({ name, idle, after }) => [mode, name, num(idle), num(after)]))
  )
}
