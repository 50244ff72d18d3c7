/**
 * wx_user `checked` (seed 000): whether a sales/agency application was reviewed.
 * Absent or 0 none, 1 applied, 2 approved, -1 rejected (with `reject_reason`).
 */
export const REVIEW_APPLIED = 1
/** A reviewer approved the application: the user may bring drivers (DESIGN §3). */
export const REVIEW_APPROVED = 2
export const REVIEW_REJECTED = -1

/**
 * The only change a user makes to their own review (DESIGN §3): apply, from no
 * application or a rejected one, or again while it waits (to correct it).
 * Approving, rejecting or withdrawing an approval is the reviewers' business.
 */
export const APPLY_FROM: ReadonlyArray<number | undefined> = [undefined, 0, REVIEW_REJECTED]
export const MAY_APPLY_FROM: ReadonlyArray<number | undefined> = [...APPLY_FROM, REVIEW_APPLIED]

export function mayApplyForReview (checked: number | undefined): boolean {
  return MAY_APPLY_FROM.includes(checked)
}

/** Roles a reviewer grants (seed 000): 1 sales person, 2 agency, 3 broker. */
export const SALES_ROLES: readonly number[] = [1, 2, 3]

/** An approved sales person, agency or broker: who has a QR code and drivers attributed to them. */
export function isApprovedSales (user: { checked?: number, role?: number }): boolean {
  return user.checked === REVIEW_APPROVED && user.role !== undefined && SALES_ROLES.includes(user.role)
}
