import type { AppPlugin } from '@driver/kit'

/**
 * `/users/*` of seed 004. The app's default envelope is already the seed's
 * `{"result": ...}`; the routes come with the identity issue.
 */
export const usersRoutes: AppPlugin = async () => {}
