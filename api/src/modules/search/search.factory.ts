import type { AppConfig } from '../../config/env';
import { EmbeddedSearchEngine } from './embedded-engine';
import { MeiliSearchEngine } from './meili-engine';
import type { SearchEngine } from './search-engine';

export function createSearchEngine(config: AppConfig): SearchEngine {
  if (config.SEARCH_ENGINE === 'meilisearch') {
    return new MeiliSearchEngine({
      host: config.MEILI_HOST!,
      apiKey: config.MEILI_MASTER_KEY,
      indexUid: config.MEILI_INDEX,
    });
  }
  return new EmbeddedSearchEngine();
}
