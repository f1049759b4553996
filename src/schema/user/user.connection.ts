import { ObjectType } from 'type-graphql';
import { Connection } from '../common/connection';
import { User } from './user.type';

@ObjectType({ description: 'A page of users.' })
export class UserConnection extends Connection(User, 'User') {}
