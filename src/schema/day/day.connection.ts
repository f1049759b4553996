import { ObjectType } from 'type-graphql';
import { Connection } from '../common/connection';
import { Day } from './day.type';

@ObjectType({ description: 'A page of featured days, newest first.' })
export class DayConnection extends Connection(Day, 'Day') {}
