import { useTranslation } from 'react-i18next';
import type { Label, Term } from '@shared/taxonomy';
import { bundledTaxonomy, useTaxonomy } from '../api/taxonomy';

/** Taxonomy codes → labels in the UI language (falls back to the code for unknown values). */
export function useLabels() {
  const { i18n } = useTranslation();
  const { data } = useTaxonomy();
  const tax = data ?? bundledTaxonomy;
  const en = i18n.language === 'en';
  const pick = (term?: Label) => (term ? (en ? term.en : term.zh) : '');
  const subfields = tax.fields.flatMap((f) => f.children);
  const find = (list: Term[], code?: string) => (code ? pick(list.find((x) => x.code === code)) || code : '');
  return {
    tax,
    en,
    pick,
    orgType: (code?: string) => find(tax.orgTypes, code),
    region: (code?: string) => find(tax.regions, code),
    submarket: (code?: string) => find(tax.submarkets, code),
    tag: (code?: string) => find(tax.enterpriseTags, code),
    role: (code?: string) => find(tax.userRoles, code),
    field: (code?: string) => find(tax.fields, code),
    subfield: (code?: string | null) => find(subfields, code ?? undefined),
    achievementForm: (code?: string) => find(tax.achievementForms, code),
    innovationType: (code?: string) => find(tax.innovationTypes, code),
    stage: (code?: string) => find(tax.maturityStages, code),
    level: (code?: string) => find(tax.achievementLevels, code),
    ipType: (code?: string) => find(tax.ipTypes, code),
    transferMode: (code?: string) => find(tax.transferModes, code),
    tradingMode: (code?: string) => find(tax.tradingModes, code),
    crossTag: (code?: string) => find(tax.crossCuttingTags, code),
  };
}
