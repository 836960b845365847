// Fictitious identifiers that pass the real checks, for the demo companies.
// Identifiers. Fictitious numbers that pass the real checks: GS1 check digit for GLNs, the
// "elfproef" for the RSIN inside a Dutch VAT number of a B.V. (NL + RSIN + B01).

/** Appends the GS1 mod-10 check digit to the 12-digit body of a GLN. */
export function withGs1CheckDigit(body: string): string {
  let total = 0;
  for (let i = 0; i < body.length; i++) total += Number(body[i]) * ((body.length - i) % 2 === 1 ? 3 : 1);
  return `${body}${(10 - (total % 10)) % 10}`;
}

/** A Dutch VAT number NL<RSIN>B01 whose 9th RSIN digit makes the RSIN pass the elfproef. */
export function dutchVatNumber(rsinBody: string): string {
  let total = 0;
  for (let i = 0; i < 8; i++) total += Number(rsinBody[i]) * (9 - i);
  const check = total % 11;
  if (check === 10) throw new Error(`RSIN body ${rsinBody} has no valid check digit`);
  return `NL${rsinBody}${check}B01`;
}
