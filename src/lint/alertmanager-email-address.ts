import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { eachNotifier } from './alertmanager-notifiers.js';
import { parseAddressList } from './mail-address.js';
import { positionOf } from '../gotemplate/parse.js';

const HINT = "separate addresses with commas, each an address or a name with the address in angle brackets: 'oncall@shop.example, Ops <ops@shop.example>'";

export const alertmanagerEmailAddress: Check = {
  id: 'alertmanager/email-address',
  severity: 'error',
  description: "Email to/from are address lists Alertmanager 0.25 can send to (Go's net/mail: comma separated RFC 5322 mailboxes; from: exactly one).",
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    const check = (text: string, single: boolean, where: string, at: ReturnType<typeof locatedAt>) => {
      // A templated value is only known when a notification is sent.
      if (text.includes('{{')) return;
      const parsed = parseAddressList(text);
      if (!parsed.ok) {
        report({
          message: `${where} ${JSON.stringify(text)} is not an address list Alertmanager 0.25 can parse: ${parsed.problem.message} (${positionOf(text, parsed.problem.at)})`,
          hint: HINT,
          ...at,
          excerpt: { text, from: parsed.problem.at, to: Math.min(text.length, parsed.problem.at + 1) || 1 },
        });
      } else if (single && parsed.addresses.length !== 1) {
        report({
          message: `${where} ${JSON.stringify(text)} has ${parsed.addresses.length} addresses; Alertmanager 0.25 refuses to send unless from is exactly one`,
          hint: "give one sender address, e.g. 'alerts@shop.example'",
          ...at,
        });
      }
    };
    const smtpFrom = am.global.smtp?.from;
    if (smtpFrom !== undefined) check(smtpFrom, true, 'global smtp.from', locatedAt(am, 'global', 'smtp', 'from'));
    eachNotifier(am, 'email', (email, { where, at }) => {
      check(email.to, false, where('to'), at('to'));
      if (email.from !== undefined) check(email.from, true, where('from'), at('from'));
    });
  },
};
