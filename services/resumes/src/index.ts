export { resumesService, type ResumesAppOptions } from './app.js'
export { ResumesConfigSchema, loadResumesConfig, type ResumesConfig } from './config.js'
