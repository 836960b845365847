// Document type from the root element, rule set from the CustomizationID.
import { describe, expect, it } from 'vitest';
import { detectDocument } from '../../src/documents/document-detection.ts';
import { detectProfile, profileFamily } from '../../src/documents/document-profile.ts';
import { parseXml } from '../../src/documents/xml-parser.ts';

const doc = (root: string, customization?: string): string =>
  `<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">` +
  (customization === undefined ? '' : `<cbc:CustomizationID>${customization}</cbc:CustomizationID>`) +
  `</${root}>`;
const detect = (root: string, customization?: string) => detectProfile(parseXml(doc(root, customization)));

describe('detectProfile', () => {
  it.each([
    ['Order', 'urn:fdc:peppol.eu:poacc:trns:order:3', 'peppol-t01'],
    ['OrderResponse', 'urn:fdc:peppol.eu:poacc:trns:order_response:3', 'peppol-t76'],
    ['OrderResponse', 'urn:fdc:peppol.eu:poacc:trns:order_agreement:3', 'peppol-t110'],
    ['OrderChange', 'urn:fdc:peppol.eu:poacc:trns:order_change:3', 'peppol-t114'],
    ['OrderCancellation', 'urn:fdc:peppol.eu:poacc:trns:order_cancellation:3', 'peppol-t115'],
    ['OrderResponse', 'urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3', 'peppol-t116'],
    ['DespatchAdvice', 'urn:fdc:peppol.eu:poacc:trns:despatch_advice:3', 'peppol-t16'],
    ['ApplicationResponse', 'urn:fdc:peppol.eu:poacc:trns:mlr:3', 'peppol-mlr'],
    [
      'Invoice',
      'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
      'peppol-billing',
    ],
    [
      'CreditNote',
      'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
      'peppol-billing',
    ],
    ['Invoice', 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0', 'en16931'],
    ['Order', 'urn:fdc:scsn.nl:order:1', 'scsn'],
    ['Order', 'urn:fdc:smart-connected.nl:scsn:order:1', 'scsn'],
    ['Order', 'urn:fdc:smart-connected.nl:order:1', 'scsn'],
    ['Order', 'urn:www.cenbii.eu:transaction:biicoretrdm001:ver1.0', 'ubl'],
    ['Order', undefined, 'ubl'],
  ])('%s with %s is %s', (root, customization, profile) => {
    expect(detect(root, customization)).toMatchObject({ documentType: root, profile });
  });

  it('follows the CustomizationID, not the root, and says which root it expects', () => {
    expect(detect('Invoice', 'urn:fdc:peppol.eu:poacc:trns:order:3')).toMatchObject({
      documentType: 'Invoice',
      profile: 'peppol-t01',
      expectedRoot: 'Order',
    });
  });

  it('ignores surrounding whitespace and accepts extensions of a Peppol identifier', () => {
    expect(detect('Order', '  urn:fdc:peppol.eu:poacc:trns:order:3:extended:urn:example  ').profile).toBe(
      'peppol-t01',
    );
    expect(detect('Order', 'urn:fdc:peppol.eu:poacc:trns:order_only:3').profile).toBe('ubl');
  });

  it('names any UBL root, and calls a non-UBL root unknown', () => {
    expect(detect('Quotation').documentType).toBe('Quotation');
    expect(detectProfile(parseXml('<note><to>x</to></note>'))).toMatchObject({
      documentType: 'unknown',
      profile: 'ubl',
    });
  });
});

describe('one classification for reading and validating', () => {
  // The reader's document type and profile family come from the same classification as the validator's
  // rule set, so the two cannot disagree about what a document claims to be.
  it.each([
    ['Order', 'urn:fdc:peppol.eu:poacc:trns:order:3', 'Order', 'peppol'],
    ['OrderResponse', 'urn:fdc:peppol.eu:poacc:trns:order_response:3', 'OrderResponse', 'peppol'],
    ['OrderResponse', 'urn:fdc:peppol.eu:poacc:trns:order_agreement:3', 'OrderAgreement', 'peppol'],
    [
      'OrderResponse',
      'urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3',
      'OrderResponseAdvanced',
      'peppol',
    ],
    ['OrderResponseSimple', undefined, 'OrderResponse', 'ubl'],
    ['ApplicationResponse', 'urn:fdc:peppol.eu:poacc:trns:mlr:3', 'MessageLevelResponse', 'peppol'],
    ['Invoice', 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0', 'Invoice', 'peppol'],
    ['Order', 'urn:fdc:smart-connected.nl:scsn:order:1', 'Order', 'scsn'],
    ['Order', 'urn:fdc:smart-connected.nl:order:1', 'Order', 'scsn'],
    // A Peppol identifier without rule set here is still read as Peppol (validated as plain UBL).
    ['Order', 'urn:fdc:peppol.eu:poacc:trns:order_only:3', 'Order', 'peppol'],
    ['Order', 'urn:www.cenbii.eu:transaction:biicoretrdm001:ver1.0', 'Order', 'ubl'],
  ])('%s with %s is read as %s (%s)', (root, customization, type, family) => {
    const tree = parseXml(doc(root, customization));
    const detected = detectDocument(tree);
    expect([detected.documentType, detected.profile]).toEqual([type, family]);
    const ruleSet = detectProfile(tree).profile;
    if (ruleSet !== 'ubl') expect(profileFamily(ruleSet)).toBe(detected.profile);
  });
});
