import { ObjectType } from 'type-graphql';
import { Connection } from '../common/connection';
import { Author } from './author.type';

@ObjectType({ description: 'A page of authors, by name A→Z.' })
export class AuthorConnection extends Connection(Author, 'Author') {}
