import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a page sits in its connection (Relay cursor connections specification).' })
export class PageInfo {
  @Field({ description: 'True when more items follow `endCursor` in the requested order.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when items precede `startCursor` in the requested order.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` for the next page. Null when the page is empty.' })
  endCursor!: string | null;
}
