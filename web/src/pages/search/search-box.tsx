import { AutoComplete, Input, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SearchKind } from '@shared/search-schemas';
import { useSuggestions } from '../../api/search';
import { useDebounced } from '../../lib/use-debounced';

/** Suggestions ask the API after typing pauses this long (~one request per word, not per key). */
const SUGGEST_DEBOUNCE_MS = 250;

interface Props {
  /** The query in the URL; the box follows it (back button, header search). */
  value: string;
  kind?: SearchKind;
  onSearch: (q: string) => void;
}

/** The search page's box: free text on Enter or the button; a suggestion opens that listing. */
export function SearchBox({ value, kind, onSearch }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const typed = useDebounced(text.trim(), SUGGEST_DEBOUNCE_MS);
  const suggestions = useSuggestions(typed.slice(0, 50), kind);

  // Pinyin or initials typed (shimoxi, smx): the terms they spell, which run a search when picked.
  const termOptions = (typed ? (suggestions.data?.terms ?? []) : []).map((term) => ({
    value: term,
    key: `term:${term}`,
    id: '',
    kind: 'term' as const,
    label: (
      <span className="search-suggestion" data-testid="search-term-suggestion">
        <Tag>{t('search.termTag')}</Tag>
        {term}
      </span>
    ),
  }));
  const listingOptions = (typed ? (suggestions.data?.suggestions ?? []) : []).map((s) => ({
    // The option value is what the box shows after a pick; the id travels beside it.
    value: s.title,
    key: s.id,
    id: s.id,
    kind: s.kind,
    label: (
      <span className="search-suggestion" data-testid="search-suggestion">
        <Tag color={s.kind === 'achievement' ? 'blue' : 'green'}>{t(`search.kind.${s.kind}`)}</Tag>
        {s.title}
      </span>
    ),
  }));

  const options = [...termOptions, ...listingOptions];
  return (
    <AutoComplete
      className="search-box"
      value={text}
      options={options}
      onChange={(v: string) => setText(v)}
      onSelect={(v: string, option: (typeof options)[number]) =>
        option.kind === 'term'
          ? onSearch(v)
          : void navigate(`/${option.kind === 'achievement' ? 'achievements' : 'needs'}/${option.id}`)
      }
      // Enter runs the typed search; a suggestion has to be chosen explicitly.
      defaultActiveFirstOption={false}
    >
      <Input.Search
        size="large"
        allowClear
        enterButton={t('search.submit')}
        placeholder={t('search.placeholder')}
        maxLength={100}
        data-testid="search-input"
        onSearch={(v) => onSearch(v.trim())}
      />
    </AutoComplete>
  );
}
