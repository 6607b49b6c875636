import { industryRows } from './glossary/industry';
import { materialsLifeRows } from './glossary/materials-life';
import { environmentSocietyRows } from './glossary/environment-society';
import { generalWordRows } from './glossary/general-words';

/**
 * The domain glossary: English terms, common abbreviations and chemical formulas of the 18 technical
 * fields, each with the Chinese term(s) listings use. Query-time only: "lithium iron phosphate", LFP and
 * LiFePO4 all find 磷酸铁锂, and 磷酸铁锂 finds an English listing about LFP. Every row is checked by
 * glossary.test.ts (formulas parse into real element symbols; each form finds a listing worded in the
 * other language).
 *
 * Row: [field, Chinese terms, English terms, abbreviations, formulas] — alternatives separated by `|`;
 * the first Chinese term is the preferred one. An abbreviation listed under two fields (PLC, ADC, PET,
 * SCR, API) is ambiguous: the engine weighs each reading by the listing's field (lexicon.ts). Field `*`:
 * the general technical words that English queries combine with domain terms ("tailings pond
 * monitoring", "gallium nitride charger"), which belong to no one field.
 */
export type GlossaryRow = [field: string, zh: string, en: string, abbr?: string, formula?: string];
export const glossaryRows: GlossaryRow[] = [
  ...industryRows,
  ...materialsLifeRows,
  ...environmentSocietyRows,
  ...generalWordRows,
];
