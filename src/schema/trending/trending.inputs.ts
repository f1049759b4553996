import { ArgsType, Field, registerEnumType } from 'type-graphql';
import type { TrendingBy as TrendingByValue } from '../../services/paper-orderings';
import type { Period } from '../../services/trending.service';
import { ForwardConnectionArgs } from '../common/connection';
import { DateScalar } from '../common/scalars';

export enum TrendingPeriod {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

export enum TrendingBy {
  UPVOTES = 'UPVOTES',
  GITHUB_STARS = 'GITHUB_STARS',
}

registerEnumType(TrendingPeriod, {
  name: 'TrendingPeriod',
  description: 'The stretch of featured days a trending list covers (UTC).',
  valuesConfig: {
    DAY: { description: 'The single day `date`.' },
    WEEK: { description: 'The ISO week (Monday to Sunday) containing `date`.' },
    MONTH: { description: 'The calendar month containing `date`.' },
  },
});

registerEnumType(TrendingBy, {
  name: 'TrendingBy',
  description: 'How trending papers are ranked.',
  valuesConfig: {
    UPVOTES: { description: 'Most upvoted first; ties break on arXiv id, ascending.' },
    GITHUB_STARS: {
      description:
        'Most GitHub stars first (the Hub\'s "trending" order); papers without a repository come last; ties break on upvotes (most first), then arXiv id (ascending).',
    },
  },
});

@ArgsType()
export class TrendingArgs extends ForwardConnectionArgs {
  @Field(() => TrendingPeriod, { defaultValue: TrendingPeriod.WEEK, description: 'The period to rank: the day, ISO week or month containing `date`.' })
  period!: Period;

  @Field(() => DateScalar, { nullable: true, description: 'Any day inside the period (YYYY-MM-DD, UTC). Defaults to the latest featured day.' })
  date?: Date | null;

  @Field(() => TrendingBy, { defaultValue: TrendingBy.UPVOTES, description: 'The ranking: upvotes (default) or GitHub stars.' })
  by!: TrendingByValue;
}
