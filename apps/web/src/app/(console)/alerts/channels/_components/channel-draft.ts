import type { NewChannel } from '~/lib/alerting';

export type ChannelKind = NewChannel['kind'];

/** What the channel form edits; `to` is a comma-separated list of addresses. */
export interface ChannelDraft {
  kind: ChannelKind;
  name: string;
  url: string;
  smtpUrl: string;
  from: string;
  to: string;
}

export const emptyChannel: ChannelDraft = {
  kind: 'webhook',
  name: '',
  url: '',
  smtpUrl: '',
  from: '',
  to: '',
};

export function channelOf(draft: ChannelDraft): NewChannel {
  if (draft.kind === 'email') {
    const to = draft.to
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    return { kind: 'email', name: draft.name, smtpUrl: draft.smtpUrl, from: draft.from, to };
  }
  return { kind: draft.kind, name: draft.name, url: draft.url };
}
