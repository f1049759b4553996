import { Field, ObjectType } from 'type-graphql';
import type { WebhookRecord } from '../../services/webhook.service';
import { Webhook } from './webhook.type';

const CLIENT_MUTATION_ID = 'The `clientMutationId` of the input, unchanged.';

@ObjectType({ description: 'A new webhook, and its signing secret when one was generated.' })
export class CreateWebhookPayload {
  @Field(() => Webhook, { description: 'The webhook.' })
  webhook!: WebhookRecord;

  @Field(() => String, { nullable: true, description: 'The generated signing secret ("whsec_…"), shown only now; null when you gave your own.' })
  secret!: string | null;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@ObjectType({ description: 'A webhook after a change.' })
export class WebhookPayload {
  @Field(() => Webhook, { description: 'The webhook as it now stands (as it was, for deleteWebhook).' })
  webhook!: WebhookRecord;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}
