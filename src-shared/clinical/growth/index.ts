/**
 * Child growth: WHO z-scores, nutritional status and implausible-value flags for school and
 * under-5 screening. Method and sources: docs/clinical.md ("School screening").
 */
export * from './who-tables';
export * from './classification';
export * from './assess-growth';
