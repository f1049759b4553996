import type { IncomingMessage } from 'node:http';
import { parse, specifiedRules, validate, GraphQLError, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { WebSocket } from 'ws';
import type { LimitsConfig } from '../config/limits-config';
import type { RequestContext } from '../context';
import type { Logger } from '../observability/logger';
import { RateLimitedError } from '../errors/errors';
import { clientIp } from './client-ip';
import { documentLimitsRule, MAX_VALIDATION_ERRORS } from './query-limits/document-limits';
import { costLimitError, limitError } from './query-limits/limit-error';
import { operationCost } from './query-limits/operation-cost';
import { textInputError } from './query-limits/text-inputs';
import { pointsFor, rateLimitSubject, retryAfterSeconds } from './rate-limit/rate-limit-policy';
import type { RateLimiter } from './rate-limit/rate-limiter';

/** Close code for a socket that broke a flood limit (RFC 6455 1008: policy violation). */
export const POLICY_VIOLATION = 1008;

/** Caps sockets in total and per client IP; refused upgrades get HTTP 429 (ws `verifyClient`). */
export function createConnectionGate(limits: LimitsConfig, log: Logger) {
  // Refusals are logged once at info, as over HTTP (refusal-log.ts): a client's doing, not ours.
  const refuse = (ip: string, status: number, message: string, done: (ok: boolean, status?: number, message?: string) => void) => {
    log.info({ transport: 'websocket', clientAddress: ip, status, code: 'RATE_LIMITED' }, 'websocket refused');
    done(false, status, message);
  };
  const perIp = new Map<string, number>();
  let total = 0;
  return {
    verifyClient(info: { req: IncomingMessage }, done: (ok: boolean, status?: number, message?: string) => void): void {
      const ip = clientIp(info.req, limits.trustProxyHops);
      if (total >= limits.wsMaxConnections) return refuse(ip, 429, 'Too many websocket connections to this server', done);
      if ((perIp.get(ip) ?? 0) >= limits.wsMaxConnectionsPerIp) return refuse(ip, 429, 'Too many websocket connections from this address', done);
      done(true);
    },
    /** Counts an accepted socket until it closes; also closes it on a message flood. */
    track(socket: WebSocket, req: IncomingMessage): void {
      const ip = clientIp(req, limits.trustProxyHops);
      total += 1;
      perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
      let windowStart = Date.now();
      let messages = 0;
      socket.on('message', () => {
        const now = Date.now();
        if (now - windowStart >= 1000) {
          windowStart = now;
          messages = 0;
        }
        messages += 1;
        if (messages === limits.wsMaxMessagesPerSecond + 1) {
          log.info({ transport: 'websocket', clientAddress: ip, closeCode: POLICY_VIOLATION, code: 'RATE_LIMITED' }, 'websocket refused');
          socket.close(POLICY_VIOLATION, 'Too many messages per second');
        }
      });
      socket.once('close', () => {
        total -= 1;
        const left = (perIp.get(ip) ?? 1) - 1;
        if (left <= 0) perIp.delete(ip);
        else perIp.set(ip, left);
      });
    },
  };
}

export interface OperationGuardDeps {
  readonly schema: GraphQLSchema;
  readonly limits: LimitsConfig;
  readonly limiter: RateLimiter;
}

export interface SubscribeRequest {
  readonly query: string;
  readonly variables?: Record<string, unknown> | null;
  readonly operationName?: string | null;
}

/**
 * The HTTP pipeline's protections for one graphql-ws subscribe message: token limit, the
 * document limits, graphql-js validation, cost with variables, the text rule, subscriptions per
 * socket and the caller's rate limit. Returns what to execute, or the errors to send instead.
 */
export async function guardOperation(
  deps: OperationGuardDeps,
  request: SubscribeRequest,
  /** This operation's own context (never shared with another operation). */
  context: RequestContext,
  client: { openSubscriptions: number },
): Promise<ExecutionArgs | readonly GraphQLError[]> {
  const { limits } = deps;
  if (client.openSubscriptions > limits.wsMaxSubscriptionsPerConnection) {
    return [limitError('subscriptions', 'Operations open on this connection', limits.wsMaxSubscriptionsPerConnection, client.openSubscriptions)];
  }
  let document;
  try {
    document = parse(request.query, { maxTokens: limits.maxTokens });
  } catch (error) {
    return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
  }
  const errors = validate(deps.schema, document, [...specifiedRules, documentLimitsRule(limits)], { maxErrors: MAX_VALIDATION_ERRORS - 1 });
  if (errors.length > 0) return errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
  const variables = request.variables ?? undefined;
  const cost = operationCost(deps.schema, document, variables, request.operationName);
  if (cost !== undefined && cost > limits.maxCost) {
    return [costLimitError(limits.maxCost, cost)];
  }
  const invalidText = textInputError(deps.schema, document, variables, request.operationName);
  if (invalidText) return [invalidText];
  const subject = rateLimitSubject(limits, context.viewer, context.clientAddress);
  const decision = await deps.limiter.consume(subject.key, pointsFor(cost), subject.rule);
  if (!decision.allowed) return [new RateLimitedError(retryAfterSeconds(decision.resetAt))];
  context.rateLimit = decision;
  return { schema: deps.schema, document, variableValues: variables, operationName: request.operationName ?? undefined, contextValue: context };
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return error.extensions.code
    ? error
    : new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}
