import type { Metadata } from 'next';
import { ChannelsView } from './_components/channels-view';

export const metadata: Metadata = { title: 'Notification channels' };

export default function ChannelsPage() {
  return <ChannelsView />;
}
