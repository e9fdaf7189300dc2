import type { Check } from './check.js';
import { eachNotifier } from './alertmanager-notifiers.js';
import { literalOutcomes } from './alertmanager-templates.js';

// Slack's documented constraints (api.slack.com: conversations.create names, message attachments).
/** Channel names: lowercase letters, digits, hyphens and underscores, at most 80; or a user (@name) or an id (C…, G…, D…). */
const CHANNEL = /^#?[\p{Ll}\p{Lo}0-9_-]{1,80}$/u;
const CHANNEL_ID_OR_USER = /^([CGD][A-Z0-9]{8,}|@[\w.-]+)$/;
/** Attachment colour: good, warning, danger, or a hex colour. */
const COLOR = /^(good|warning|danger|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})$/;
const EMOJI = /^:[a-z0-9_+'-]+:$/;

function absoluteHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export const alertmanagerSlackFields: Check = {
  id: 'alertmanager/slack-fields',
  severity: 'error',
  description: "Slack channel, color, icon_emoji, title_link and icon_url follow Slack's documented formats.",
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    eachNotifier(am, 'slack', (slack, { where, at }) => {
      const channel = slack.channel;
      if (channel !== undefined && !channel.includes('{{') && !CHANNEL.test(channel) && !CHANNEL_ID_OR_USER.test(channel)) {
        const why = channel.replace(/^#/, '') === ''
          ? 'it is empty'
          : /\s/.test(channel)
            ? 'it has a space'
            : /\p{Lu}/u.test(channel)
              ? 'it has uppercase letters'
              : channel.length > 81
                ? 'it is longer than 80 characters'
                : 'it has characters other than lowercase letters, digits, - and _';
        report({
          message: `${where('channel')} ${JSON.stringify(channel)} is not a Slack channel name: ${why}`,
          hint: "Slack channel names are lowercase letters, digits, - and _ (at most 80), e.g. '#shop-alerts'; or a user '@name' or a channel id 'C0123456789'",
          ...at('channel'),
        });
      }
      if (slack.color !== undefined) {
        const outcomes = slack.color.includes('{{') ? literalOutcomes(slack.color) : [slack.color];
        for (const value of outcomes ?? []) {
          if (COLOR.test(value)) continue;
          const from = slack.color.indexOf(value);
          report({
            message: `${where('color')} ${JSON.stringify(value)} is not a Slack attachment colour: Slack shows no colour bar`,
            hint: "use good, warning, danger or a hex colour such as '#d63232' (a template may choose between them)",
            ...at('color'),
            excerpt: { text: slack.color, from, to: from + value.length },
          });
        }
      }
      if (slack.iconEmoji !== undefined && !slack.iconEmoji.includes('{{') && !EMOJI.test(slack.iconEmoji)) {
        report({
          message: `${where('iconEmoji')} ${JSON.stringify(slack.iconEmoji)} is not an emoji code: Slack expects :name:`,
          hint: "write the emoji's code between colons, e.g. ':rotating_light:'",
          ...at('iconEmoji'),
        });
      }
      for (const field of ['titleLink', 'iconUrl'] as const) {
        const value = slack[field];
        if (value === undefined || value.includes('{{') || absoluteHttpUrl(value)) continue;
        report({
          message: `${where(field)} ${JSON.stringify(value)} is not an absolute http(s) URL: Slack ignores it`,
          hint: "write the whole URL with its scheme, e.g. 'https://grafana.shop.example/d/orders'",
          ...at(field),
        });
      }
    });
  },
};
