/**
 * The declared source type `http-json`: any JSON job API described in the config — paths,
 * paging, JMESPath field expressions (https://jmespath.site), state words and actions — instead
 * of a TypeScript adapter. docs/http-json.md is the key reference; examples/sources/ holds
 * recipes for GitHub Actions, GitLab, Kubernetes Jobs, Airflow, Celery Flower and OSAPI.
 *
 * The code lives in ./http-json/ (compiled declaration, paging, normalization, detail, actions).
 */
export { compileDeclaration, DECLARATION_KEYS, type DeclarationProblem } from './http-json/compile-declaration.js';
export { createHttpJsonSource, type HttpJsonOptions } from './http-json/source.js';
export type { HttpJsonDeclaration } from './http-json/declaration.js';
export { evaluate } from './http-json/expression.js';
export { newFindings, normalizeItem } from './http-json/normalize-item.js';
