import { Field, ObjectType } from 'type-graphql';
import type { PaperRecord } from '../../services/records';
import { Paper } from '../paper/paper.type';

@ObjectType({ description: 'The result of submitPaper.' })
export class SubmitPaperPayload {
  @Field(() => Paper, { description: 'The new paper, with you as `submittedBy`.' })
  paper!: PaperRecord;

  @Field(() => String, { nullable: true, description: 'The `clientMutationId` of the input, unchanged.' })
  clientMutationId?: string | null;
}

@ObjectType({ description: 'The result of updatePaper.' })
export class UpdatePaperPayload {
  @Field(() => Paper, { description: 'The paper with its new links.' })
  paper!: PaperRecord;

  @Field(() => String, { nullable: true, description: 'The `clientMutationId` of the input, unchanged.' })
  clientMutationId?: string | null;
}

@ObjectType({ description: 'A paper newly submitted to the feed.' })
export class PaperSubmittedEvent {
  @Field(() => Paper, { description: 'The paper as it is when the event is delivered.' })
  paper!: PaperRecord;
}
