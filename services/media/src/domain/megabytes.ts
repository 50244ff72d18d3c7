/** A size as a driver reads it in a refusal: `10 MB`, `0.1 MB`. */
export const megabytes = (bytes: number): string => `${Number((bytes / 1024 / 1024).toFixed(1))} MB`
