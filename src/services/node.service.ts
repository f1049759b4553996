import type { RequestContext } from '../context';
import { fromGlobalId, type NodeType } from '../lib/global-id';
import { localIdOf } from './id-arguments';
import { dayDate } from '../lib/day';

/** A record tagged with its GraphQL type, so the Node interface can tell which object it is. */
export type NodeRecord = { readonly __typename: NodeType } & object;

/** Relay's node(id:): any global id this API hands out, back to its object. */
export class NodeService {
  async node(ctx: RequestContext, id: string): Promise<NodeRecord | null> {
    const global = fromGlobalId(id);
    if (!global) return null;
    const tag = <T extends object>(record: T | null) => (record ? { ...record, __typename: global.type } : null);
    switch (global.type) {
      case 'Paper': {
        const arxivId = localIdOf('Paper', global.localId);
        return arxivId ? tag(await ctx.loaders.paperById.load(arxivId)) : null;
      }
      case 'Author': {
        const authorId = localIdOf('Author', global.localId);
        return authorId === null ? null : tag(await ctx.loaders.authorById.load(authorId));
      }
      case 'Day': {
        const date = localIdOf('Day', global.localId);
        const day = date === null ? null : await ctx.loaders.dayByDate.load(date);
        return day ? tag({ date: dayDate(day.date) }) : null;
      }
      case 'User': {
        const userId = localIdOf('User', global.localId);
        return userId === null ? null : tag(await ctx.loaders.userById.load(userId));
      }
      // Private to its owner, who reaches it through viewer.webhooks; node() answers anyone.
      case 'Webhook':
        return null;
    }
  }
}
