// Use case: validate a UBL document without sending it — the same validator and limits as an import,
// nothing stored, no order touched. Lets a user fix a file before it counts.
import { requirePermission } from '../../domain/company-types.ts';
import { validateDocument, type ValidationResult } from '../../documents/validate-document.ts';
import type { XmlLimits } from '../../documents/xml-parser.ts';
import type { Caller, Deps } from '../deps.ts';

export interface CheckOptions {
  /** Parser limits (the API passes its body limit as maxBytes). */
  limits?: Partial<XmlLimits> | undefined;
}

/** The validator's verdict on `bytes`; valid or not, nothing is stored. */
export function checkDocument(
  _deps: Deps,
  caller: Caller,
  bytes: Uint8Array,
  options: CheckOptions = {},
): ValidationResult {
  requirePermission(caller.role, 'read');
  return validateDocument(bytes, options.limits ? { limits: options.limits } : {});
}
