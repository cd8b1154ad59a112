/**
 * Builds a JobSource from a validated config entry, by vendor type.
 */
import type { Job } from '../domain/job.js';
import type { JobSource } from './contract.js';
import { applyPriorityMap, withPriorityMap, type PriorityMap } from '../domain/priority.js';
import { createVectorChartsSource, type VectorChartsOptions } from './vectorcharts/index.js';
import { createOsapiSource, type OsapiOptions } from './osapi/index.js';
import { createVectaraSource, type VectaraOptions } from './vectara/index.js';
import { createMcritSource, type McritOptions } from './mcrit/index.js';
import { createAlteryxSource, type AlteryxOptions } from './alteryx/index.js';
import { createHttpJsonSource, type HttpJsonOptions } from './http-json.js';

/** A source entry as the config layer hands it over: its vendor type and that vendor's options. */
export type SourceSpec =
  | ({ type: 'vectorcharts' } & VectorChartsOptions)
  | ({ type: 'osapi' } & OsapiOptions)
  | ({ type: 'vectara' } & VectaraOptions)
  | ({ type: 'mcrit' } & McritOptions)
  | ({ type: 'alteryx' } & AlteryxOptions)
  | ({ type: 'http-json' } & HttpJsonOptions);

/**
 * Creates the adapter for one configured source; a `priorityMap` in the spec overrides the
 * vendor's default priority ranks on every job it returns (domain/priority.ts).
 */
export function createSource(spec: SourceSpec & { priorityMap?: PriorityMap }): JobSource {
  const source = createVendorSource(spec);
  return spec.priorityMap ? withPriorities(source, spec.priorityMap) : source;
}

/** A source whose jobs and details get `map` applied to their priorities. */
function withPriorities(source: JobSource, map: PriorityMap): JobSource {
  const fromListRecord = source.listRecordDetail?.bind(source);
  return Object.assign(Object.create(source) as JobSource, {
    async list(signal?: AbortSignal) {
      const result = await source.list(signal);
      return { ...result, jobs: withPriorityMap(result.jobs, map) };
    },
    async detail(id: string, signal?: AbortSignal) {
      const detail = await source.detail(id, signal);
      return detail === null ? null : { ...detail, priority: applyPriorityMap(detail.priority, map) };
    },
    ...(fromListRecord && {
      listRecordDetail(job: Job) {
        const detail = fromListRecord(job);
        return { ...detail, priority: applyPriorityMap(detail.priority, map) };
      },
    }),
  });
}

function createVendorSource(spec: SourceSpec): JobSource {
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
