/**
 * Taxonomies from ../shared/domain.md, each label in zh-CN and en. Pure data: imported by the API
 * (validation, seeding, GET /api/taxonomy) and by the web app (forms, filters).
 */
export * from './taxonomy/fields';
export * from './taxonomy/regions';
export * from './taxonomy/codes';
