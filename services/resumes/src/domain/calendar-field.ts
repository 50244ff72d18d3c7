import { ValidationError, parseCalendarDay, type CalendarDay } from '@driver/kit'

/**
 * The day a date parameter names. Its schema checked the shape (`2010-12-1`);
 * a day that does not exist (`2010-2-30`) is refused here by the field's name,
 * as the schema would have.
 */
export function calendarField (field: string, text: string): CalendarDay {
  const day = parseCalendarDay(text)
  if (!day) throw new ValidationError(field)
  return day
}
