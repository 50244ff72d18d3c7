import { REVIEW_APPROVED } from './review-application.js'

/** wx_user `role` (seed 000): 1 sales, 2 agency, 3 broker. */
export const PROMOTER_ROLES: readonly number[] = [1, 2, 3]

/** The scene our QR codes carry: the promoter's wx_user `_id`. */
const SCENE_ID = /^[0-9a-f]{24}$/

/** Whom a driver may be attributed to: an approved sales person or agency. */
export interface Promoter { _id: string, role?: number, checked?: number }

/**
 * Why a QR scene does not attribute a follower (DESIGN §3, first touch), or
 * null when it does: the scene must name an approved sales person or agency
 * other than the follower, and the follower must not be attributed yet.
 */
export function attributionRefusal (
  follower: { _id: string, relate_id?: string },
  scene: string,
  promoter: Promoter | null
): 'not-an-id' | 'unknown' | 'unapproved' | 'own' | 'already-related' | null {
  if (!SCENE_ID.test(scene)) return 'not-an-id'
  if (promoter === null) return 'unknown'
  if (!PROMOTER_ROLES.includes(promoter.role ?? 0) || promoter.checked !== REVIEW_APPROVED) return 'unapproved'
  if (promoter._id === follower._id) return 'own'
  if (follower.relate_id !== undefined) return 'already-related'
  return null
}

/** Whether `scene` can name a promoter at all, before anything is read. */
export const isSceneId = (scene: string): boolean => SCENE_ID.test(scene)
