import type { SignInMail, SignInMailer } from '../services/sign-in.service';
import { composeSignIn, type LinkBase } from './compose';
import type { MailTransport } from './deliver';

/** The mailer SignInService uses: the digest's transport (SMTP or outbox), so one mail path serves both. */
export function createSignInMailer(transport: MailTransport, base: LinkBase): SignInMailer {
  return {
    async sendSignIn(mail: SignInMail) {
      await transport.send({ to: mail.to, ...composeSignIn(base, mail) });
    },
  };
}
