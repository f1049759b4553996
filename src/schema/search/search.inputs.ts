import { ArgsType, Field } from 'type-graphql';
import { ForwardConnectionArgs } from '../common/connection';
import { PaperFilter } from '../paper/paper.inputs';

@ArgsType()
export class SearchArgs extends ForwardConnectionArgs {
  @Field({
    description:
      'Web-search syntax: words (all must match, stemmed English), "quoted phrases", -excluded words, `or` between alternatives. At most 256 characters.',
  })
  query!: string;

  @Field(() => PaperFilter, { nullable: true, description: 'Only results that also meet these conditions.' })
  filter?: PaperFilter | null;
}
