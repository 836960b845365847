// Registering the caller's company at a directory node.
import { z } from 'zod';
import { Timestamp } from './common-schemas.ts';

const HttpUrl = z.url({ protocol: /^https?$/ });

export const RegisterAtDirectoryBody = z
  .strictObject({
    directoryUrl: HttpUrl.describe('Base URL of the directory node.'),
    endpoint: HttpUrl.optional().describe(
      "This node's URL as partners reach it; default: the node's public URL.",
    ),
  })
  .meta({ id: 'RegisterAtDirectoryRequest' });

export const DirectoryRegistrationSchema = z
  .object({
    participant: z.string().describe('The registered participant id, scheme:value.'),
    issuedAt: Timestamp,
    registeredAt: Timestamp,
    replaced: z.boolean().describe('Whether the card replaced an older registration.'),
  })
  .meta({ id: 'DirectoryRegistration' });
