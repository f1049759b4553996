import type { RequestContext } from '../context';
import { fromGlobalId, type NodeType } from '../lib/global-id';
import { parseArxivId } from '../lib/arxiv-id';

/** A record tagged with its GraphQL type, so the Node interface can tell which object it is. */
export type NodeRecord = { readonly __typename: NodeType } & object;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Relay's node(id:): any global id this API hands out, back to its object. */
export class NodeService {
  async node(ctx: RequestContext, id: string): Promise<NodeRecord | null> {
    const global = fromGlobalId(id);
    if (!global) return null;
    const tag = <T extends object>(record: T | null) => (record ? { ...record, __typename: global.type } : null);
    switch (global.type) {
      case 'Paper': {
        const arxivId = parseArxivId(global.localId);
        return arxivId ? tag(await ctx.loaders.paperById.load(arxivId)) : null;
      }
      case 'Author': {
        const authorId = Number(global.localId);
        return Number.isSafeInteger(authorId) ? tag(await ctx.loaders.authorById.load(authorId)) : null;
      }
      case 'Day': {
        if (!DAY.test(global.localId) || Number.isNaN(Date.parse(global.localId))) return null;
        const day = await ctx.loaders.dayByDate.load(global.localId);
        return day ? tag({ date: new Date(day.date) }) : null;
      }
      case 'User': {
        const userId = Number(global.localId);
        return Number.isSafeInteger(userId) ? tag(await ctx.loaders.userById.load(userId)) : null;
      }
    }
  }
}
