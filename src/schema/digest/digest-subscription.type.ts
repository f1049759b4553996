import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../common/scalars';

export enum DigestFrequency {
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
}

registerEnumType(DigestFrequency, {
  name: 'DigestFrequency',
  description: 'How often the email digest of top papers is sent.',
  valuesConfig: {
    DAILY: { description: 'Every day: the most upvoted papers featured the day before (UTC).' },
    WEEKLY: { description: 'Once a week: the most upvoted papers featured in the previous ISO week (Monday to Sunday, UTC).' },
  },
});

// GraphQL names are SCREAMING_SNAKE; the stored values are the lower-case strings on the right.
export enum DigestSubscriptionStatus {
  PENDING = 'pending',
  CONFIRMED = 'confirmed',
  UNSUBSCRIBED = 'unsubscribed',
}

registerEnumType(DigestSubscriptionStatus, {
  name: 'DigestSubscriptionStatus',
  description: 'Where a digest subscription stands in the double opt-in flow.',
  valuesConfig: {
    PENDING: { description: 'Waiting for the link in the confirmation mail; nothing is sent until then.' },
    CONFIRMED: { description: 'Confirmed: digests are sent at the chosen frequency.' },
    UNSUBSCRIBED: { description: 'Ended through an unsubscribe link; subscribing again starts a new double opt-in.' },
  },
});

@ObjectType({ description: 'An email digest subscription, as seen by whoever holds one of its links.' })
export class DigestSubscription {
  @Field(() => String, { description: 'The address digests go to: the local part as typed, the domain lower-cased.' })
  email!: string;

  @Field(() => DigestFrequency, { description: 'How often digests are sent.' })
  frequency!: string;

  @Field(() => DigestSubscriptionStatus, { description: 'Pending, confirmed or unsubscribed.' })
  status!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the address was confirmed; null while pending.' })
  confirmedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the subscription was ended; null unless unsubscribed.' })
  unsubscribedAt!: Date | null;
}
