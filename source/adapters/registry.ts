/**
 * Builds a JobSource from a validated config entry, by vendor type.
 */
import type { JobSource } from './contract.js';
import { createVectorChartsSource, type VectorChartsOptions } from './vectorcharts.js';
import { createOsapiSource, type OsapiOptions } from './osapi.js';
import { createVectaraSource, type VectaraOptions } from './vectara.js';
import { createMcritSource, type McritOptions } from './mcrit.js';
import { createAlteryxSource, type AlteryxOptions } from './alteryx.js';
import { createHttpJsonSource, type HttpJsonOptions } from './http-json.js';

/** A source entry as the config layer hands it over: its vendor type and that vendor's options. */
export type SourceSpec =
  | ({ type: 'vectorcharts' } & VectorChartsOptions)
  | ({ type: 'osapi' } & OsapiOptions)
  | ({ type: 'vectara' } & VectaraOptions)
  | ({ type: 'mcrit' } & McritOptions)
  | ({ type: 'alteryx' } & AlteryxOptions)
  | ({ type: 'http-json' } & HttpJsonOptions);

/** Creates the adapter for one configured source. */
export function createSource(spec: SourceSpec): JobSource {
  switch (spec.type) {
    case 'vectorcharts':
      return createVectorChartsSource(spec);
    case 'osapi':
      return createOsapiSource(spec);
    case 'vectara':
      return createVectaraSource(spec);
    case 'mcrit':
      return createMcritSource(spec);
    case 'alteryx':
      return createAlteryxSource(spec);
    case 'http-json':
      return createHttpJsonSource(spec);
  }
}
