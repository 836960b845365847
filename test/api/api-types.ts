// JSON shapes of API responses that the domain has no type for (storage-level types stay out of tests).

export interface ApiTokenInfoJson {
  id: string;
  companyId: string;
  name: string;
  prefix: string;
  role: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface OrderSummaryJson {
  id: string;
  role: 'buyer' | 'seller';
  number: string;
  issueDate: string;
  status: string;
  partner: { companyId: string; name: string };
  nextDueDate: string | null;
  late: boolean;
  lineCount: number;
  version: number;
  createdAt: string;
}

export interface OrderPageJson {
  items: OrderSummaryJson[];
  nextCursor: string | null;
  counts: Record<string, number>;
}
