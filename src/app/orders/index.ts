// The orders capability: what buyers and sellers do to an order, each on its own copy — issue, respond,
// decide, change, cancel, reopen, report production, ship, receive, invoice, decide an invoice — and
// reading orders, their history and the task list. Every change is published to the partner's copy
// through the PartnerChannel port and announced on the OrderChangeFeed (ports.ts). The entry file:
// other folders import the orders capability from here only.
export { actOnOrder, actWithin, type ActOptions } from './act-on-order.ts';
export { applyPartnerMessage, historyRows } from './apply-partner-change.ts';
export { cancelOrder } from './cancel-order.ts';
export { changeOrder } from './change-order.ts';
export { decideInvoice } from './decide-invoice.ts';
export { decideProposals } from './decide-proposals.ts';
export { getOrder } from './get-order.ts';
export { issueOrder, type IssueOrderInput } from './issue-order.ts';
export { listOrders, type ListOrdersQuery } from './list-orders.ts';
export { listTasks } from './list-tasks.ts';
export { announceOrderChange, inProcessChangeFeed, watchOrderChanges } from './order-changes.ts';
export { orderHistory } from './order-history.ts';
export type {
  ForwardedDocument,
  OrderChange,
  OrderChangeFeed,
  OrderChangeListener,
  PartnerChannel,
  PartnerMessage,
} from './ports.ts';
export { receiveGoods } from './receive-goods.ts';
export { reopenLines } from './reopen-lines.ts';
export { reportProduction } from './report-production.ts';
export { respondToLines } from './respond-to-lines.ts';
export { shipGoods, type DespatchInput } from './ship-goods.ts';
export { submitInvoice } from './submit-invoice.ts';
