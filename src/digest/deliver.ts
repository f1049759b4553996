import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import type { ComposedMail } from './compose';

export interface OutgoingMail extends ComposedMail {
  readonly to: string;
}

export interface DeliveryReceipt {
  readonly messageId: string;
  /** The .eml file written in outbox mode. */
  readonly file?: string;
}

/** Sends composed mail: through SMTP, or into an outbox directory as .eml files. */
export interface MailTransport {
  /** "SMTP smtp://mail.example.org:587" or "outbox /srv/app/outbox", for logs and the CLI. */
  readonly description: string;
  send(mail: OutgoingMail): Promise<DeliveryReceipt>;
  close(): void;
}

export interface MailTransportOptions {
  readonly smtpUrl?: string;
  readonly from: string;
  readonly outboxDir: string;
}

export function createMailTransport(options: MailTransportOptions): MailTransport {
  return options.smtpUrl ? smtpTransport(options.smtpUrl, options.from) : outboxTransport(options.outboxDir, options.from);
}

function message(from: string, mail: OutgoingMail) {
  return { from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: { ...mail.headers } };
}

function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  const url = new URL(smtpUrl);
  return {
    // Credentials stay out of logs.
    description: `SMTP ${url.protocol}//${url.host}`,
    async send(mail) {
      const info = await transporter.sendMail(message(from, mail));
      // nodemailer resolves even when some recipients were refused; with one recipient per message that is a failure.
      if (info.rejected.length > 0) throw new Error(`SMTP server refused the recipient: ${info.response}`);
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

function outboxTransport(outboxDir: string, from: string): MailTransport {
  const dir = resolve(outboxDir);
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    description: `outbox ${dir}`,
    async send(mail) {
      const info = await transporter.sendMail(message(from, mail));
      await mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
      const file = join(dir, name);
      // Written under a temporary name first so a reader of the outbox never sees half a message.
      await writeFile(`${file}.tmp`, info.message as Buffer);
      await rename(`${file}.tmp`, file);
      return { messageId: info.messageId, file };
    },
    close: () => transporter.close(),
  };
}
