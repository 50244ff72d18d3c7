import { wxEnvelope, type AppPlugin } from '@driver/kit'

/** Everything under `/wx` answers in the seed's `{"message": ...}` envelope. */
export const wxRoutes: AppPlugin = async (app) => {
  await app.register(wxEnvelope)
}
