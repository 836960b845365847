// The demo chain's companies: a Dutch machine-building chain — an OEM, its assembler, a machining and a
// sheet-metal shop, and their steel supplier — with their people. Data only; seed-demo.ts creates them.
import type { UserRole } from '../domain/company-types.ts';
import { dutchVatNumber, withGs1CheckDigit } from './demo-identifiers.ts';

export const DEMO_PASSWORD = 'schakel-demo-2026';
export const DEMO_TOKEN_NAME = 'demo';

export type DemoCompanyKey = 'oem' | 'assembler' | 'machining' | 'sheetMetal' | 'material';

export interface DemoUser {
  email: string;
  name: string;
  role: UserRole;
}

export interface DemoCompany {
  key: DemoCompanyKey;
  /** Place in the chain, e.g. "OEM machine builder". */
  tier: string;
  id: string;
  name: string;
  city: string;
  /** Primary identifier `scheme:value` (a GLN). */
  identifier: string;
  identifiers: string[];
  users: DemoUser[];
  /** A fresh admin API token named "demo" (the previous one is revoked). */
  token: string;
}

export interface DemoSeedResult {
  password: string;
  companies: DemoCompany[];
  /** What this run added; all zero when the demo chain was already complete. */
  created: { companies: number; users: number; orders: number };
  /** The buyers' order numbers of the demo chain. */
  orderNumbers: string[];
}

interface CompanySpec {
  key: DemoCompanyKey;
  tier: string;
  name: string;
  city: string;
  gln: string;
  kvk: string;
  rsin: string;
  users: DemoUser[];
}

const COMPANIES: readonly CompanySpec[] = [
  {
    key: 'oem',
    tier: 'OEM machine builder',
    name: 'Van Dijk Machinebouw B.V.',
    city: 'Eindhoven',
    gln: '871940100001',
    kvk: '17093842',
    rsin: '85401723',
    users: [
      { email: 'jeroen@vandijk.example', name: 'Jeroen van Dijk', role: 'admin' },
      { email: 'anna@vandijk.example', name: 'Anna de Vries', role: 'purchasing' },
      { email: 'mark@vandijk.example', name: 'Mark Jansen', role: 'sales' },
    ],
  },
  {
    key: 'assembler',
    tier: 'tier 1 — assembly',
    name: 'Brabant Assemblage B.V.',
    city: 'Helmond',
    gln: '871940200002',
    kvk: '17281550',
    rsin: '85611934',
    users: [
      { email: 'femke@brabant-assemblage.example', name: 'Femke van den Berg', role: 'admin' },
      { email: 'sanne@brabant-assemblage.example', name: 'Sanne Bakker', role: 'purchasing' },
      { email: 'thijs@brabant-assemblage.example', name: 'Thijs Smits', role: 'sales' },
    ],
  },
  {
    key: 'machining',
    tier: 'tier 2 — machining',
    name: 'Precisie Verspaning Twente B.V.',
    city: 'Hengelo',
    gln: '871940300003',
    kvk: '06072913',
    rsin: '86012458',
    users: [
      { email: 'gerrit@pv-twente.example', name: 'Gerrit Nijhuis', role: 'admin' },
      { email: 'ilse@pv-twente.example', name: 'Ilse Kamphuis', role: 'purchasing' },
      { email: 'bram@pv-twente.example', name: 'Bram Wessels', role: 'sales' },
    ],
  },
  {
    key: 'sheetMetal',
    tier: 'tier 2 — sheet metal',
    name: 'Plaatwerk Achterhoek B.V.',
    city: 'Doetinchem',
    gln: '871940400004',
    kvk: '09183364',
    rsin: '85927341',
    users: [
      { email: 'henk@plaatwerk-achterhoek.example', name: 'Henk Bruggink', role: 'admin' },
      { email: 'lotte@plaatwerk-achterhoek.example', name: 'Lotte Wolters', role: 'purchasing' },
      { email: 'ruben@plaatwerk-achterhoek.example', name: 'Ruben Tuinte', role: 'sales' },
    ],
  },
  {
    key: 'material',
    tier: 'tier 3 — steel and aluminium',
    name: 'Staalhandel Rijnmond B.V.',
    city: 'Rotterdam',
    gln: '871940500005',
    kvk: '24390186',
    rsin: '86230175',
    users: [
      { email: 'kees@staalhandel-rijnmond.example', name: 'Kees de Groot', role: 'admin' },
      { email: 'naima@staalhandel-rijnmond.example', name: 'Naima El Amrani', role: 'purchasing' },
      { email: 'priya@staalhandel-rijnmond.example', name: 'Priya Ramdin', role: 'sales' },
    ],
  },
];

const identifiersOf = (c: CompanySpec): string[] => [
  `0088:${withGs1CheckDigit(c.gln)}`,
  `0106:${c.kvk}`,
  `9944:${dutchVatNumber(c.rsin)}`,
];

/** The identifiers of a demo company: GLN (0088), KvK number (0106) and VAT number (9944). */
export { identifiersOf };

/** The demo companies in chain order (OEM first), for spreading them over nodes. */
export const DEMO_COMPANY_KEYS: readonly DemoCompanyKey[] = COMPANIES.map((c) => c.key);

/** Primary identifier (`scheme:value`) of a demo company. */
export const demoIdentifier = (key: DemoCompanyKey): string =>
  identifiersOf(COMPANIES.find((c) => c.key === key)!)[0]!;

export { COMPANIES, type CompanySpec };
