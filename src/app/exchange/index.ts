// The exchange capability: how changes travel between companies as signed envelopes — the partner
// channel and the payload of a change, the outbox (seal and queue), the inbox (receive, deduplicate,
// apply in sequence, receipt), on-node delivery (the one place that joins outbox and inbox, for partners
// hosted on the same node), Message Level Responses, received key announcements, the parked sweep,
// resends and the delivery timeline. The entry file: other folders import the exchange from here only.
export { queueEnvelope } from './deliver-on-node.ts';
export {
  getOutboxMessage,
  listOrderDeliveries,
  type Delivery,
  type DeliveryWithTimeline,
  type TimelineEntry,
} from './delivery-timeline.ts';
export { storeInbound } from './inbox-processing.ts';
export { countRejectedInbound, networkMetricsText } from './network-metrics.ts';
export { ON_NODE_ENDPOINT, type Outgoing, type Payload } from './outbox.ts';
export { networkPartnerChannel } from './partner-channel.ts';
export { receiveEnvelope, type ReceiveResult } from './receive-envelope.ts';
export { resendMessage, type ResentMessage } from './resend-message.ts';
export { sweepParkedInbox } from './sweep-parked-inbox.ts';
