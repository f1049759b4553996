import { Field, ObjectType } from 'type-graphql';
import type { DigestSubscriptionRecord } from '../../services/digest-subscription.service';
import { DigestSubscription } from './digest-subscription.type';

const CLIENT_MUTATION_ID = 'The `clientMutationId` of the input, unchanged.';

@ObjectType({ description: 'The result of subscribeToDigest. Deliberately the same whether or not the address was already known.' })
export class SubscribeToDigestPayload {
  @Field(() => String, {
    description:
      'The normalised address. A confirmation mail is on its way unless the address is already confirmed or one was sent in the last 10 minutes; ' +
      'the response does not say which, so that it cannot be used to test addresses.',
  })
  email!: string;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@ObjectType({ description: 'The result of confirmDigestSubscription.' })
export class ConfirmDigestSubscriptionPayload {
  @Field(() => DigestSubscription, { description: 'The subscription, now CONFIRMED.' })
  subscription!: DigestSubscriptionRecord;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@ObjectType({ description: 'The result of unsubscribeFromDigest.' })
export class UnsubscribeFromDigestPayload {
  @Field(() => DigestSubscription, { description: 'The subscription, now UNSUBSCRIBED. No further mail is sent to the address.' })
  subscription!: DigestSubscriptionRecord;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}
