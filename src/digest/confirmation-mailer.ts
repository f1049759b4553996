import type { ConfirmationMail, DigestConfirmationMailer } from '../services/digest-subscription.service';
import { composeConfirmation, type LinkBase } from './compose';
import type { MailTransport } from './deliver';

/** The mailer DigestSubscriptionService uses: composes the confirmation and hands it to the transport. */
export function createConfirmationMailer(transport: MailTransport, base: LinkBase): DigestConfirmationMailer {
  return {
    async sendConfirmation(mail: ConfirmationMail) {
      await transport.send({ to: mail.to, ...composeConfirmation(base, mail) });
    },
  };
}
