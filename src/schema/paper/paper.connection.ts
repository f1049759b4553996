import { ObjectType } from 'type-graphql';
import { Connection } from '../common/connection';
import { Paper } from './paper.type';

@ObjectType({ description: 'A page of papers.' })
export class PaperConnection extends Connection(Paper, 'Paper') {}
