// Plain names for UBL elements in messages: "the delivery date (cbc:EndDate)" reads better than the
// tag alone. The common ones have Dutch and English names; others fall back to the tag split into
// words ("AccountingCost" → "accounting cost").

const NAMES: Record<string, [en: string, nl: string]> = {
  CustomizationID: ['specification identifier', 'specificatie-id'],
  ProfileID: ['business process (profile)', 'bedrijfsproces (profiel)'],
  ID: ['identifier', 'nummer/id'],
  IssueDate: ['issue date', 'datum van uitgifte'],
  IssueTime: ['issue time', 'tijd van uitgifte'],
  DocumentCurrencyCode: ['document currency', 'valuta van het document'],
  OrderTypeCode: ['order type', 'ordersoort'],
  OrderResponseCode: ['response code', 'antwoordcode'],
  Note: ['note', 'opmerking'],
  BuyerCustomerParty: ['buyer', 'koper'],
  SellerSupplierParty: ['seller', 'leverancier'],
  OriginatorCustomerParty: ['originator', 'aanvrager'],
  AccountingCustomerParty: ['buyer (invoicee)', 'koper (gefactureerde)'],
  AccountingSupplierParty: ['seller (invoicer)', 'leverancier (factuurafzender)'],
  DeliveryParty: ['delivery party', 'ontvanger van de levering'],
  DespatchSupplierParty: ['despatching party', 'verzendende partij'],
  DeliveryCustomerParty: ['receiving party', 'ontvangende partij'],
  Party: ['party', 'partij'],
  PartyName: ['party name', 'partijnaam'],
  Name: ['name', 'naam'],
  EndpointID: ['electronic address (Peppol ID)', 'elektronisch adres (Peppol-ID)'],
  PartyIdentification: ['party identifier', 'partij-identificatie'],
  PartyLegalEntity: ['legal entity', 'juridische entiteit'],
  RegistrationName: ['registered name', 'statutaire naam'],
  CompanyID: ['company number', 'bedrijfsnummer'],
  PartyTaxScheme: ['tax registration', 'btw-registratie'],
  TaxScheme: ['tax scheme', 'belastingsoort'],
  PostalAddress: ['postal address', 'postadres'],
  Country: ['country', 'land'],
  IdentificationCode: ['country code', 'landcode'],
  Contact: ['contact', 'contactpersoon'],
  OrderLine: ['order line', 'orderregel'],
  LineItem: ['line item', 'regelartikel'],
  DespatchLine: ['despatch line', 'verzendregel'],
  InvoiceLine: ['invoice line', 'factuurregel'],
  CreditNoteLine: ['credit note line', 'creditnotaregel'],
  Quantity: ['quantity', 'hoeveelheid'],
  DeliveredQuantity: ['delivered quantity', 'geleverde hoeveelheid'],
  InvoicedQuantity: ['invoiced quantity', 'gefactureerde hoeveelheid'],
  LineExtensionAmount: ['line amount', 'regelbedrag'],
  Price: ['price', 'prijs'],
  PriceAmount: ['price', 'prijs'],
  BaseQuantity: ['price base quantity', 'prijs per aantal'],
  Item: ['item', 'artikel'],
  SellersItemIdentification: ["seller's item number", 'artikelnummer van de leverancier'],
  BuyersItemIdentification: ["buyer's item number", 'artikelnummer van de koper'],
  StandardItemIdentification: ['standard item number (e.g. GTIN)', 'standaard artikelnummer (bijv. GTIN)'],
  Delivery: ['delivery', 'levering'],
  DeliveryLocation: ['delivery location', 'afleverlocatie'],
  RequestedDeliveryPeriod: ['requested delivery period', 'gevraagde leverperiode'],
  PromisedDeliveryPeriod: ['promised delivery period', 'toegezegde leverperiode'],
  StartDate: ['start date', 'begindatum'],
  EndDate: ['end date', 'einddatum'],
  ValidityPeriod: ['validity period', 'geldigheidsperiode'],
  AnticipatedMonetaryTotal: ['order totals', 'ordertotalen'],
  LegalMonetaryTotal: ['document totals', 'documenttotalen'],
  PayableAmount: ['amount to pay', 'te betalen bedrag'],
  TaxTotal: ['tax total', 'btw-totaal'],
  TaxSubtotal: ['VAT breakdown', 'btw-specificatie'],
  TaxCategory: ['tax category', 'btw-categorie'],
  ClassifiedTaxCategory: ['item tax category', 'btw-categorie van het artikel'],
  Percent: ['rate (%)', 'tarief (%)'],
  AllowanceCharge: ['allowance or charge', 'korting of toeslag'],
  Amount: ['amount', 'bedrag'],
  OrderReference: ['order reference', 'orderreferentie'],
  OrderLineReference: ['order line reference', 'verwijzing naar orderregel'],
  LineID: ['line number', 'regelnummer'],
  AdditionalDocumentReference: ['attached document', 'bijgevoegd document'],
  Attachment: ['attachment', 'bijlage'],
  EmbeddedDocumentBinaryObject: ['embedded file', 'ingesloten bestand'],
  Shipment: ['shipment', 'zending'],
  LineStatusCode: ['line status', 'regelstatus'],
};

/** A readable name for an element's local name, in a language, e.g. "BuyerCustomerParty" → "buyer". */
export function plainName(localName: string, lang: 'en' | 'nl'): string {
  const known = NAMES[localName];
  if (known) return lang === 'en' ? known[0] : known[1];
  return localName
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
}

/** "the buyer (cac:BuyerCustomerParty)" for a qualified tag like "cac:BuyerCustomerParty". */
export function describeTag(qname: string, lang: 'en' | 'nl'): string {
  const local = qname.includes(':') ? qname.slice(qname.indexOf(':') + 1) : qname;
  return `${lang === 'en' ? 'the ' : 'de '}${plainName(local, lang)} (${qname})`;
}
