import { ArgsType, Field } from 'type-graphql';
import { ForwardConnectionArgs } from '../common/connection';

@ArgsType()
export class AuthorsArgs extends ForwardConnectionArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Only authors whose name contains this text, ignoring case ("%" and "_" match literally). Omit to list all authors.',
  })
  search?: string | null;
}
