import { Button, Card, Checkbox, InputNumber, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacetName, SearchResponseDto } from '@shared/search-schemas';
import type { SearchParams } from '../../api/search';
import { fenToWan, wanToFen } from '../../lib/money';
import { useLabels } from '../../lib/use-labels';
import { facetParam, listOf, panelFacets } from './search-params';

/** Values shown before "more"; the field and region lists run to 18 and 15 entries. */
const SHOWN = 8;

type Patch = Record<string, string | undefined>;

interface Props {
  params: SearchParams;
  facets: SearchResponseDto['facets'] | undefined;
  onChange: (patch: Patch) => void;
}

/** One checkbox panel per facet with its counts, then the price range. */
export function FacetPanels({ params, facets, onChange }: Props) {
  const { t } = useTranslation();
  const active = panelFacets.some((f) => params[facetParam(f)]) || params.priceMinFen || params.priceMaxFen;
  return (
    <div className="search-facets" data-testid="search-facets">
      {panelFacets.map((facet) => (
        <FacetPanel key={facet} facet={facet} counts={facets?.[facet] ?? {}} params={params} onChange={onChange} />
      ))}
      <PriceRange params={params} onChange={onChange} />
      {active && (
        <Button
          block
          data-testid="facet-clear"
          onClick={() =>
            onChange({
              ...Object.fromEntries(panelFacets.map((f) => [facetParam(f), undefined])),
              priceMinFen: undefined,
              priceMaxFen: undefined,
            })
          }
        >
          {t('search.facet.clearAll')}
        </Button>
      )}
    </div>
  );
}

function useFacetLabel(facet: FacetName) {
  const labels = useLabels();
  const byFacet: Record<FacetName, (code: string) => string> = {
    kind: (c) => c,
    fieldCode: labels.field,
    regionCode: labels.region,
    submarketCode: labels.submarket,
    orgType: labels.orgType,
    stage: labels.stage,
    ipTypes: labels.ipType,
    tradingMode: labels.tradingMode,
  };
  return byFacet[facet];
}

function FacetPanel({
  facet,
  counts,
  params,
  onChange,
}: {
  facet: Exclude<FacetName, 'kind'>;
  counts: Record<string, number>;
  params: SearchParams;
  onChange: (p: Patch) => void;
}) {
  const { t } = useTranslation();
  const label = useFacetLabel(facet);
  const [expanded, setExpanded] = useState(false);
  const param = facetParam(facet);
  const selected = listOf(params[param]);
  // Counts are over the current result set; a chosen value stays visible even when it counts 0.
  const values = [...new Set([...selected, ...Object.keys(counts)])].sort(
    (a, b) => Number(selected.includes(b)) - Number(selected.includes(a)) || (counts[b] ?? 0) - (counts[a] ?? 0),
  );
  const shown = expanded ? values : values.slice(0, SHOWN);
  const toggle = (value: string, on: boolean) => {
    const next = on ? [...selected, value] : selected.filter((v) => v !== value);
    onChange({ [param]: next.length ? next.join(',') : undefined });
  };
  return (
    <Card size="small" title={t(`search.facet.${facet}`)} className="search-facet" data-testid={`facet-${facet}`}>
      {values.length === 0 && <span className="muted small">{t('search.facet.empty')}</span>}
      {shown.map((value) => (
        <div key={value} className="search-facet__row" data-testid="facet-option" data-facet={facet} data-value={value}>
          <Checkbox checked={selected.includes(value)} onChange={(e) => toggle(value, e.target.checked)}>
            {label(value)}
          </Checkbox>
          <span className="search-facet__count" data-testid="facet-count">
            {counts[value] ?? 0}
          </span>
        </div>
      ))}
      {values.length > SHOWN && (
        <Button type="link" size="small" onClick={() => setExpanded(!expanded)}>
          {expanded ? t('search.facet.less') : t('search.facet.more', { count: values.length - SHOWN })}
        </Button>
      )}
    </Card>
  );
}

const wanOf = (fen: string | undefined) => (fen ? fenToWan(Number(fen)) : null);

/** Price (achievements) or budget ceiling (needs), typed in 万元, sent in 分. */
function PriceRange({ params, onChange }: { params: SearchParams; onChange: (p: Patch) => void }) {
  const { t } = useTranslation();
  const [min, setMin] = useState<number | null>(wanOf(params.priceMinFen));
  const [max, setMax] = useState<number | null>(wanOf(params.priceMaxFen));
  useEffect(() => setMin(wanOf(params.priceMinFen)), [params.priceMinFen]);
  useEffect(() => setMax(wanOf(params.priceMaxFen)), [params.priceMaxFen]);
  const fen = (wan: number | null) => (wan === null ? undefined : String(wanToFen(wan)));
  return (
    <Card size="small" title={t('search.facet.price')} className="search-facet" data-testid="facet-price">
      <Space.Compact block>
        <InputNumber
          min={0}
          max={1_000_000}
          value={min}
          onChange={setMin}
          aria-label={t('search.facet.priceMin')}
          placeholder={t('search.facet.priceMin')}
          data-testid="price-min"
        />
        <InputNumber
          min={0}
          max={1_000_000}
          value={max}
          onChange={setMax}
          aria-label={t('search.facet.priceMax')}
          placeholder={t('search.facet.priceMax')}
          data-testid="price-max"
        />
        <Button onClick={() => onChange({ priceMinFen: fen(min), priceMaxFen: fen(max) })} data-testid="price-apply">
          {t('search.facet.apply')}
        </Button>
      </Space.Compact>
    </Card>
  );
}
