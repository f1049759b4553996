import { Field, Int, ObjectType } from 'type-graphql';
import type { PaperRecord } from '../../services/records';
import { Paper } from '../paper/paper.type';

@ObjectType({ description: 'The result of upvotePaper.' })
export class UpvotePaperPayload {
  @Field(() => Paper, { description: 'The paper after the upvote: `viewerHasUpvoted` is true and `upvoteCount` includes your vote.' })
  paper!: PaperRecord;

  @Field(() => String, { nullable: true, description: 'The `clientMutationId` of the input, unchanged.' })
  clientMutationId?: string | null;
}

@ObjectType({ description: 'The result of removeUpvote.' })
export class RemoveUpvotePayload {
  @Field(() => Paper, { description: 'The paper after the removal: `viewerHasUpvoted` is false.' })
  paper!: PaperRecord;

  @Field(() => String, { nullable: true, description: 'The `clientMutationId` of the input, unchanged.' })
  clientMutationId?: string | null;
}

@ObjectType({ description: "A change of a paper's upvote count." })
export class PaperUpvotedEvent {
  @Field(() => Paper, { description: 'The paper as it is when the event is delivered (its `upvoteCount` may already include later votes).' })
  paper!: PaperRecord;

  @Field(() => Int, { description: 'The count right after the change that caused this event.' })
  upvoteCount!: number;
}
