import { Field, InputType } from 'type-graphql';
import { DigestFrequency } from './digest-subscription.type';

const CLIENT_MUTATION_ID = 'Any string; returned unchanged in the payload so a client can match responses to requests (Relay).';

@InputType({ description: 'Who wants the digest, and how often.' })
export class SubscribeToDigestInput {
  @Field(() => String, {
    description:
      'The address to send to: at most 254 characters, "name@example.org" form. Surrounding spaces are dropped and the domain is lower-cased. ' +
      'An invalid address is a BAD_USER_INPUT error with argumentName "email".',
  })
  email!: string;

  @Field(() => DigestFrequency, { description: 'DAILY or WEEKLY.' })
  frequency!: DigestFrequency;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@InputType({ description: 'The token from a confirmation link.' })
export class ConfirmDigestSubscriptionInput {
  @Field(() => String, { description: 'The `token` query parameter of the link in the confirmation mail (43 characters).' })
  token!: string;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@InputType({ description: 'The token from an unsubscribe link.' })
export class UnsubscribeFromDigestInput {
  @Field(() => String, { description: 'The `token` query parameter of the unsubscribe link in a digest or confirmation mail (43 characters).' })
  token!: string;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}
