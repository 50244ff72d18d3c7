/**
 * wx_user `checked` (seed 000): whether a sales/agency application was reviewed.
 * Absent or 0 none, 1 applied, 2 approved, -1 rejected (with `reject_reason`).
 */
export const REVIEW_APPLIED = 1
/** A reviewer approved the application: the user may bring drivers (DESIGN §3). */
export const REVIEW_APPROVED = 2

/**
 * The only change a user makes to their own review (DESIGN §3): apply, from no
 * application, a rejected one, or again while it waits. Approving, rejecting or
 * withdrawing an approval is the reviewers' business.
 */
export const MAY_APPLY_FROM: ReadonlyArray<number | undefined> = [undefined, 0, -1, REVIEW_APPLIED]

export function mayApplyForReview (checked: number | undefined): boolean {
  return MAY_APPLY_FROM.includes(checked)
}
