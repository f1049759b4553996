import { Field, InputType } from 'type-graphql';
import { DateTimeScalar } from '../common/scalars';

const CLIENT_MUTATION_ID = 'Any string; returned unchanged in the payload so a client can match responses to requests (Relay).';

@InputType({ description: 'A new personal access token.' })
export class CreatePersonalAccessTokenInput {
  @Field(() => String, { description: 'What it is for ("nightly upvote script"): 1–100 characters, shown in viewer.tokens.' })
  name!: string;

  @Field(() => [String], {
    description:
      'A non-empty subset of "read", "write", "digest", "webhooks", and of the scopes of the token making the request (else FORBIDDEN with requiredScope).',
  })
  scopes!: string[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it stops working; must be in the future. Null or absent: it never expires.' })
  expiresAt?: Date | null;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@InputType({ description: 'Which of your tokens to revoke.' })
export class RevokePersonalAccessTokenInput {
  @Field(() => String, { description: 'The token\'s prefix as viewer.tokens shows it ("dpat_1a2b3c4d"); a session\'s prefix ("dpst_…") works too.' })
  prefix!: string;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@InputType({ description: 'Ends the session (or revokes the token) the request is made with.' })
export class SignOutInput {
  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}
