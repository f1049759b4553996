import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';

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
  @Field(() => PaperOrder, { nullable: true, description: 'Defaults to featured day, newest first (within a day, most upvoted first); ties break on arXiv id.' })
  orderBy?: PaperOrder | null;
}
