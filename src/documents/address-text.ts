// The order model keeps a delivery address as one line of text. UBL addresses are structured; this is
// the one convention for both directions: parts joined by ", ", the ISO country code last. Writing
// splits the country off again, so an address read from UBL survives export and re-import unchanged.
import { path, text, type XmlElement } from './xml-tree.ts';

/** "Solheimsveien 10, Add, 3rd Address line, 1473 Lørenskog, Region, NO" from a cac:Address. */
export function addressText(address: XmlElement): string | null {
  const parts = [
    text(address, 'cbc:StreetName'),
    text(address, 'cbc:AdditionalStreetName'),
    ...path(address, 'cac:AddressLine/cbc:Line').map((l) => l.text),
    [text(address, 'cbc:PostalZone'), text(address, 'cbc:CityName')].filter(Boolean).join(' '),
    text(address, 'cbc:CountrySubentity'),
    text(address, 'cac:Country/cbc:IdentificationCode'),
  ].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(', ') : null;
}

/** Splits "…, NL" into the address line and the country; no country when the text does not end with one. */
export function splitAddress(address: string): { line: string | null; country: string | null } {
  const m = /^(?:(.*), )?([A-Z]{2})$/.exec(address.trim());
  if (m) return { line: m[1]?.trim() || null, country: m[2]! };
  return { line: address.trim() || null, country: null };
}
