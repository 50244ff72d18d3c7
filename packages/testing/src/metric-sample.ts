/** One sample of Prometheus's text format: its name, its labels and its value. */
export interface MetricSample {
  name: string
  labels: Record<string, string>
  value: number
}

const SAMPLE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/
const LABEL = /([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g

/** A label value as written (`\\`, `\"` and `\n` escaped) back to itself. */
const unescape = (value = ''): string => value.replace(/\\(.)/g, (_escape, char: string) => char === 'n' ? '\n' : char)

/** Every sample of a `/metrics` page, comments and type lines left out. */
export function metricSamples (text: string): MetricSample[] {
  return text.split('\n').flatMap((line) => {
    const match = SAMPLE.exec(line)
    if (match === null) return []
    const pairs = [...(match[2] ?? '').matchAll(LABEL)].map(([, key, value]) => [key, unescape(value)])
    const labels = Object.fromEntries(pairs) as Record<string, string>
    return [{ name: match[1] ?? '', labels, value: Number(match[3]) }]
  })
}

/**
 * The value of the sample named `name` whose labels include `labels`, summed
 * over the samples that match (0 when none does, as Prometheus reads an
 * unborn counter).
 */
export function metricValue (text: string, name: string, labels: Record<string, string> = {}): number {
  return metricSamples(text)
    .filter((sample) => sample.name === name &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0)
}
