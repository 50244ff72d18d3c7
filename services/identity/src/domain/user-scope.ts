import { AreaOutsideScopeError, ManagedFieldsError, OwnProfileOnlyError, RoleNotGrantableError } from '../errors.js'
import type { User } from './user.js'

type Caller = Pick<User, '_id' | 'role' | 'area'>
type Target = Pick<User, '_id' | 'role' | 'area'>

/**
 * Whom a caller manages, seed 004's `area like '{area}%' and role < {role}`:
 * the same rule for partners and administrators (area '', role 9: everyone
 * below role 9). An ordinary user (role 0) manages nobody.
 */
export function scopeOf (caller: Pick<User, 'role' | 'area'>): { areaPrefix: string, roleBelow: number } {
  return { areaPrefix: caller.area, roleBelow: caller.role }
}

export function manages (caller: Caller, target: Target): boolean {
  return target._id !== caller._id && target.area.startsWith(caller.area) && target.role < caller.role
}

/** A user always sees themself, and those they manage. */
export function sees (caller: Caller, target: Target): boolean {
  return target._id === caller._id || manages(caller, target)
}

/** What `PUT /users/:id` may change, sorted by who may change it. */
export interface UserChanges {
  /** The user's own profile. */
  profile: { user_name?: string, city?: string, sign?: string, memo?: string }
  password?: { password: string, old_password: string }
  /** A manager's over users in its scope. */
  managed: { status?: number, role?: number, area?: string, checked?: number }
}

/**
 * Throws unless the caller may make every change asked for on a target it
 * already sees: its own profile and password only by the user, status, role,
 * area and checked only by a manager, who grants no role at or above its own
 * and no area outside its own prefix.
 */
export function assertChangesAllowed (caller: Caller, target: Target, changes: UserChanges): void {
  const own = caller._id === target._id
  if (!own && (Object.keys(changes.profile).length > 0 || changes.password)) throw new OwnProfileOnlyError()
  const { role, area } = changes.managed
  if (Object.keys(changes.managed).length === 0) return
  if (!manages(caller, target)) throw new ManagedFieldsError()
  if (role !== undefined && role >= caller.role) throw new RoleNotGrantableError()
  if (area !== undefined && !area.startsWith(caller.area)) throw new AreaOutsideScopeError()
}
