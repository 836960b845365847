// The order model keeps a delivery address as one line of text, as the buyer typed it; UBL addresses are
// structured and carry the country apart (cac:Country, which Peppol requires). The convention for both
// directions: a text without a country lies in the buyer's country. Writing sends the text as it is and
// the country it ends with ("…, DE"), else the buyer's; reading joins the parts with ", " and adds the
// country last unless it is the buyer's own or the text already ends with it. So an address typed
// without a country comes back without one, and a foreign document's other country stays in the text.
import { path, text, type XmlElement } from './xml-tree.ts';

const TRAILING_COUNTRY = /(?:^|, )([A-Z]{2})$/;

/**
 * "Solheimsveien 10, Add, 3rd Address line, 1473 Lørenskog, Region, NO" from a cac:Address; the country
 * is left out when it is `impliedCountry` (the buyer's); an address of only the buyer's country is none.
 */
export function addressText(address: XmlElement, impliedCountry: string | null): string | null {
  const parts = [
    text(address, 'cbc:StreetName'),
    text(address, 'cbc:AdditionalStreetName'),
    ...path(address, 'cac:AddressLine/cbc:Line').map((l) => l.text),
    [text(address, 'cbc:PostalZone'), text(address, 'cbc:CityName')].filter(Boolean).join(' '),
    text(address, 'cbc:CountrySubentity'),
  ].filter((p): p is string => Boolean(p));
  const country = text(address, 'cac:Country/cbc:IdentificationCode');
  if (!country) return parts.length ? parts.join(', ') : null;
  const same = (code: string | null | undefined) => code?.toUpperCase() === country.toUpperCase();
  // Only a country: the buyer's says nothing (Peppol makes a location without an address carry one, and
  // the writer sends the buyer's), another is all there is to say.
  if (parts.length === 0) return same(impliedCountry) ? null : country;
  if (!same(impliedCountry) && !same(trailingCountry(parts.join(', ')))) parts.push(country);
  return parts.join(', ');
}

/** The ISO country code an address text ends with ("…, NL" or just "NL"), or null when it names none. */
export function trailingCountry(address: string): string | null {
  return TRAILING_COUNTRY.exec(address.trim())?.[1] ?? null;
}
