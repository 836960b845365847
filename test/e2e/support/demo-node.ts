// A real node (HTTP, in-memory PGlite) with the demo supply chain, started in the test process.
import { startNode, type RunningNode } from '../../../src/cli/start-node.ts';
import { DEMO_PASSWORD, seedDemo, type DemoSeedResult } from '../../../src/demo/seed-demo.ts';

export interface DemoNode {
  node: RunningNode;
  url: string;
  demo: DemoSeedResult;
  close(): Promise<void>;
}

export { DEMO_PASSWORD };

/** Demo logins used by the browser tests (see src/demo/seed-demo.ts). */
export const USERS = {
  /** Van Dijk Machinebouw (OEM), purchasing. */
  oemBuyer: 'anna@vandijk.example',
  /** Van Dijk Machinebouw, admin. */
  oemAdmin: 'jeroen@vandijk.example',
  /** Brabant Assemblage (tier 1), sales: the OEM's supplier. */
  assemblerSales: 'thijs@brabant-assemblage.example',
  /** Brabant Assemblage, purchasing. */
  assemblerBuyer: 'sanne@brabant-assemblage.example',
} as const;

export async function startDemoNode(): Promise<DemoNode> {
  let demo: DemoSeedResult | undefined;
  const node = await startNode({
    port: 0,
    prepare: async (services) => {
      demo = await seedDemo(services);
    },
  });
  return { node, url: node.url, demo: demo!, close: () => node.close() };
}
