import { ObjectType } from 'type-graphql';
import { Connection } from '../common/connection';
import { WebhookDelivery } from './webhook.type';

@ObjectType({ description: 'A page of delivery attempts, newest first.' })
export class WebhookDeliveryConnection extends Connection(WebhookDelivery, 'WebhookDelivery') {}
