import { parse, type OperationDefinitionNode } from 'graphql';
import { isShareable } from '../../../src/server/response-cache/cache-policy';

function decide(query: string, anonymous: boolean): boolean {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return isShareable({ document, operation, anonymous });
}

describe('which responses the response cache may share', () => {
  it('shares anonymous queries, viewer and viewerHasUpvoted included (null and false for every anonymous caller)', () => {
    expect(decide('{ day(date: "2025-01-01") { papers { nodes { title viewerHasUpvoted } } } viewer { handle } }', true)).toBe(true);
  });

  it('never shares what a token was sent with, nor a mutation or a subscription', () => {
    expect(decide('{ papers { totalCount } }', false)).toBe(false);
    expect(decide('mutation { upvotePaper(input: { paperId: "x" }) { paper { id } } }', true)).toBe(false);
    expect(decide('subscription { paperUpvoted { upvoteCount } }', true)).toBe(false);
  });

  it('never shares an operation that selects rateLimit, wherever it hides (alias, fragment)', () => {
    expect(decide('{ budget: rateLimit { remaining } }', true)).toBe(false);
    expect(decide('query { ...F } fragment F on Query { rateLimit { remaining } }', true)).toBe(false);
  });
});
