import type { DigestConfig } from '../config/digest-config';
import type { Db } from '../db/client';
import type { Logger } from '../observability/logger';
import type { DigestConfirmationMailer, DigestFrequency } from '../services/digest-subscription.service';
import { createConfirmationMailer } from './confirmation-mailer';
import { createSignInMailer } from './sign-in-mailer';
import type { SignInMailer } from '../services/sign-in.service';
import { createMailTransport, type MailTransport } from './deliver';
import { runDigest, type DigestRunSummary } from './run-digest';
import { startDigestSchedule, type DigestSchedule } from './schedule';

/** What the app needs of the digest: the confirmation mailer and the optional in-process schedule. */
export interface DigestRuntime {
  readonly transport: MailTransport;
  readonly confirmationMailer: DigestConfirmationMailer;
  /** Sign-in links travel the same way as digest mail. */
  readonly signInMailer: SignInMailer;
  /** Starts the DIGEST_SCHEDULE timer; does nothing when the variable is unset. */
  startSchedule(): void;
  /** Stops the timer, waits for a run in progress, waits for `beforeClose`, closes the transport. */
  stop(beforeClose?: () => Promise<void>): Promise<void>;
}

export function createDigestRuntime(deps: { readonly db: Db; readonly log: Logger; readonly config: DigestConfig }): DigestRuntime {
  const { config, db, log } = deps;
  const transport = createMailTransport(config);
  let schedule: DigestSchedule | null = null;
  const run = (frequency: DigestFrequency): Promise<DigestRunSummary> =>
    runDigest({ db, transport, publicBaseUrl: config.publicBaseUrl, topN: config.topN, log }, { frequency });
  return {
    transport,
    confirmationMailer: createConfirmationMailer(transport, config),
    signInMailer: createSignInMailer(transport, config),
    startSchedule() {
      if (config.schedule && !schedule) schedule = startDigestSchedule({ schedule: config.schedule, run, log });
    },
    async stop(beforeClose) {
      await schedule?.stop();
      schedule = null;
      await beforeClose?.();
      transport.close();
    },
  };
}
