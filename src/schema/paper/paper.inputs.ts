import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ConnectionArgs, ForwardConnectionArgs } from '../common/connection';
import { DateScalar } from '../common/scalars';

export enum PaperOrderField {
  FEATURED_DAY = 'FEATURED_DAY',
  UPVOTES = 'UPVOTES',
  PUBLISHED_AT = 'PUBLISHED_AT',
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(PaperOrderField, {
  name: 'PaperOrderField',
  description: 'What to order papers by. Ties always break on arXiv id, ascending.',
  valuesConfig: {
    FEATURED_DAY: { description: 'The day the paper was featured; within a day, most upvoted first.' },
    UPVOTES: { description: 'Upvote count (imported baseline plus local upvotes).' },
    PUBLISHED_AT: { description: 'First arXiv publication time.' },
  },
});

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesConfig: {
    ASC: { description: 'Smallest, oldest or earliest first.' },
    DESC: { description: 'Largest, newest or latest first.' },
  },
});

@InputType({ description: 'An ordering of papers.' })
export class PaperOrder {
  @Field(() => PaperOrderField, { description: 'The key to order by.' })
  field!: PaperOrderField;

  @Field(() => OrderDirection, { description: 'The direction of the key.' })
  direction!: OrderDirection;
}

@ArgsType()
export class PapersArgs extends ConnectionArgs {
  @Field(() => PaperOrder, {
    nullable: true,
    description: 'Defaults to featured day, newest first (within a day, most upvoted first); ties break on arXiv id.',
  })
  orderBy?: PaperOrder | null;
}

@InputType({ description: 'Narrows a list of papers. All given conditions must hold; omitted ones do not filter. Day bounds, `week` and `month` intersect.' })
export class PaperFilter {
  @Field(() => DateScalar, { nullable: true, description: 'Only papers featured on or after this day (YYYY-MM-DD, UTC).' })
  fromDay?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only papers featured on or before this day (YYYY-MM-DD, UTC).' })
  toDay?: Date | null;

  @Field(() => String, { nullable: true, description: 'Only papers featured in this ISO week, e.g. "2025-W42" (Monday to Sunday).' })
  week?: string | null;

  @Field(() => String, { nullable: true, description: 'Only papers featured in this month, e.g. "2025-10".' })
  month?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only papers with this author in the byline (an Author `id`).' })
  author?: string | null;

  @Field(() => String, { nullable: true, description: 'Only papers submitted to the daily list by the user with this handle.' })
  submitter?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only papers with a code repository; false: only papers without one.' })
  hasCode?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only withdrawn papers; false: only papers that stand. Omitted: both.' })
  withdrawn?: boolean | null;
}

@ArgsType()
export class FilteredPapersArgs extends PapersArgs {
  @Field(() => PaperFilter, { nullable: true, description: 'Conditions every returned paper meets; `totalCount` counts with the same filter.' })
  filter?: PaperFilter | null;
}

@ArgsType()
export class ForwardPapersArgs extends ForwardConnectionArgs {
  @Field(() => PaperOrder, {
    nullable: true,
    description:
      "The order of the nested list. Defaults: a day's papers by upvotes (most first), an author's papers by featured day (newest first). Ties always break on arXiv id.",
  })
  orderBy?: PaperOrder | null;
}
