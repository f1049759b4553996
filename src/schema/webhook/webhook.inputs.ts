import { Field, ID, InputType } from 'type-graphql';
import { WebhookEventType } from './webhook.type';

const CLIENT_MUTATION_ID = 'Any string; returned unchanged in the payload so a client can match responses to requests (Relay).';
const URL_RULE =
  'An absolute http(s) URL without credentials, at most WEBHOOK_MAX_URL_LENGTH (2048) characters, whose host resolves only to public addresses (docs/webhooks.md "Addresses").';
const SECRET_RULE = '16–256 printable ASCII characters without spaces; deliveries are signed with it.';

@InputType({ description: 'A new webhook.' })
export class CreateWebhookInput {
  @Field(() => String, { description: URL_RULE })
  url!: string;

  @Field(() => [WebhookEventType], { description: 'The events to receive; at least one.' })
  events!: WebhookEventType[];

  @Field(() => String, { nullable: true, description: `Your signing secret: ${SECRET_RULE} Omit it to have one generated and returned once in the payload.` })
  secret?: string | null;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@InputType({ description: 'Changes to one of your webhooks; absent fields stay as they are.' })
export class UpdateWebhookInput {
  @Field(() => ID, { description: "The webhook's id." })
  id!: string;

  @Field(() => String, { nullable: true, description: URL_RULE })
  url?: string | null;

  @Field(() => [WebhookEventType], { nullable: true, description: 'The events to receive from now on; at least one.' })
  events?: WebhookEventType[] | null;

  @Field(() => String, { nullable: true, description: `A new signing secret: ${SECRET_RULE} Used from the next attempt on.` })
  secret?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'false disables it; true re-enables it (failure count reset; pending deliveries go out at once, oldest first).',
  })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@InputType({ description: 'Names one of your webhooks.' })
export class DeleteWebhookInput {
  @Field(() => ID, { description: "The webhook's id." })
  id!: string;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}
