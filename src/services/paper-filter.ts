import type { PaperConditions } from '../db/queries/paper-filter';
import { BadUserInputError } from '../errors/errors';
import { intersect, isoWeekRange, monthRange, type DayRange } from '../lib/day-range';
import { requireAuthorId } from './id-arguments';

/** PaperFilter as the API takes it; see schema/paper/paper.inputs.ts for the meaning of each field. */
export interface PaperFilterInput {
  readonly fromDay?: Date | null;
  readonly toDay?: Date | null;
  readonly week?: string | null;
  readonly month?: string | null;
  readonly author?: string | null;
  readonly submitter?: string | null;
  readonly hasCode?: boolean | null;
  readonly withdrawn?: boolean | null;
}

/** Validates a filter; bad weeks, months and author ids are BAD_USER_INPUT naming `filter.<field>`. */
export function paperConditions(filter: PaperFilterInput | null | undefined): PaperConditions {
  if (!filter) return { days: {} };
  const ranges: Array<Partial<DayRange>> = [{ ...(filter.fromDay && { from: filter.fromDay }), ...(filter.toDay && { to: filter.toDay }) }];
  if (filter.week != null) {
    const week = isoWeekRange(filter.week);
    if (!week) throw new BadUserInputError('filter.week', `"filter.week" must be an ISO week like "2025-W42", got "${filter.week}".`);
    ranges.push(week);
  }
  if (filter.month != null) {
    const month = monthRange(filter.month);
    if (!month) throw new BadUserInputError('filter.month', `"filter.month" must be a month like "2025-10", got "${filter.month}".`);
    ranges.push(month);
  }
  const authorId = filter.author == null ? undefined : requireAuthorId(filter.author, 'filter.author');
  return {
    days: intersect(ranges),
    ...(authorId !== undefined && { authorId }),
    ...(filter.submitter != null && { submitter: filter.submitter }),
    ...(filter.hasCode != null && { hasCode: filter.hasCode }),
    ...(filter.withdrawn != null && { withdrawn: filter.withdrawn }),
  };
}
