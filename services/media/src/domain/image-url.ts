/** Where an image is served (`GET /wx/images/<id>`): the url in every answer and in `media.describe`. */
export function imageUrl (id: string): string {
  return `/wx/images/${id}`
}
