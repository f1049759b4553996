import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Which paper to upvote.' })
export class UpvotePaperInput {
  @Field(() => ID, { description: 'The paper: its global `id` or a bare arXiv id ("2407.18232").' })
  paperId!: string;

  @Field(() => String, { nullable: true, description: 'Any string; returned unchanged in the payload so a client can match responses to requests (Relay).' })
  clientMutationId?: string | null;
}

@InputType({ description: 'Which paper to withdraw the upvote from.' })
export class RemoveUpvoteInput {
  @Field(() => ID, { description: 'The paper: its global `id` or a bare arXiv id ("2407.18232").' })
  paperId!: string;

  @Field(() => String, { nullable: true, description: 'Any string; returned unchanged in the payload so a client can match responses to requests (Relay).' })
  clientMutationId?: string | null;
}

@ArgsType()
export class PaperUpvotedArgs {
  @Field(() => ID, { nullable: true, description: 'Only this paper (global `id` or arXiv id). Omit to receive changes of every paper.' })
  paperId?: string | null;
}

@ArgsType()
export class UpvotersArgs {
  @Field(() => Int, { nullable: true, description: 'How many upvoters to return after `after`: 0–100, default 20.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return upvoters after this cursor (an `endCursor` or edge `cursor` from this connection).' })
  after?: string | null;
}
